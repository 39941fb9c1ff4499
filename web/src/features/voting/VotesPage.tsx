import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportVotes, useVotes } from './api';
import { electorateText, permille, ruleText, StatusTag } from './labels';
import { VoteFormModal } from './VoteFormModal';
import { VOTE_STATUSES, type Vote, type VoteFilter } from './types';

/** /app/votes: the votes in scope, search and filter, Excel export of results, create. */
export default function VotesPage() {
  const t = useT();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<VoteFilter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useVotes({ ...filter, ...page });
  const setF = (f: Partial<VoteFilter>) => { setFilter({ ...filter, ...f }); setPage({ ...page, page: 1 }); };

  return (
    <Card
      title={t('vote.nav.votes')}
      extra={<Space>
        <ExportButton run={() => exportVotes(filter)} testId="votes-export" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="vote-create">{t('vote.create')}</Button>
      </Space>}
      data-testid="votes-page"
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('vote.search')} onSearch={(v) => setF({ q: v.trim() || undefined })} style={{ width: 240 }} data-testid="votes-search" />
        <Select allowClear placeholder={t('vote.anyStatus')} style={{ width: 140 }} value={filter.status} onChange={(status) => setF({ status })} options={VOTE_STATUSES.map((k) => ({ value: k, label: t(`vote.status.${k}`) }))} />
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <Table<Vote>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('vote.empty.list') }}
          pagination={pagination(t, page, query.data?.total, setPage)}
          onRow={(v) => ({ onClick: () => navigate(`/app/votes/${v.id}`), style: { cursor: 'pointer' } })}
          data-testid="votes-table"
          columns={[
            { title: t('vote.f.title'), dataIndex: 'title', render: (v: string, x) => <a data-testid={`vote-row-${x.id}`}>{v}</a> },
            { title: t('vote.f.org'), dataIndex: 'orgName' },
            { title: t('vote.f.electorate'), key: 'el', render: (_, v) => electorateText(t, v) },
            { title: t('vote.f.rule'), key: 'rule', render: (_, v) => ruleText(t, v) },
            { title: t('vote.f.status'), dataIndex: 'status', render: (s: Vote['status']) => <StatusTag status={s} t={t} /> },
            { title: t('vote.f.turnout'), key: 'turnout', render: (_, v) => (v.eligible ? `${v.participation}/${v.eligible}` : '—') + (v.result ? ` · ${permille(v.result.turnoutPermille)}` : '') },
            { title: t('vote.f.outcome'), key: 'out', render: (_, v) => (v.result ? (v.result.passed === null ? t('vote.ranked') : v.result.passed ? t('vote.passed') : t('vote.notPassed')) : '—') },
            { title: t('vote.f.closesAt'), dataIndex: 'closesAt', render: (x: string | null) => (x ? formatDateTime(x) : '—') },
          ]}
        />
      )}
      <VoteFormModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/app/votes/${id}`)} />
    </Card>
  );
}
