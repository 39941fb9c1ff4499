import { useState } from 'react';
import { Button, Card, Select, Space, Table } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportTranches, useTranches } from './api';
import { TrancheTag } from './labels';
import { yuan } from './money';
import type { Tranche } from './types';

const STATUSES = ['requested', 'approved', 'paid', 'rejected'] as const;

/** /app/project-tranches: the payment desk — every tranche in scope, waiting ones first by default; each opens its project to decide. */
export default function TranchesPage() {
  const t = useT();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Tranche['status'] | undefined>('requested');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useTranches({ status, ...page });
  return (
    <Card title={t('proj.nav.tranches')} data-testid="tranches-page" extra={<ExportButton run={() => exportTranches({ status })} testId="tranches-page-export" />}>
      <Space style={{ marginBottom: 16 }}>
        <Select allowClear placeholder={t('proj.anyStatus')} style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPage({ ...page, page: 1 }); }}
          options={STATUSES.map((s) => ({ value: s, label: t(`proj.tranche.${s}`) }))} />
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <Table<Tranche> rowKey="id" loading={query.isFetching} dataSource={query.data?.items ?? []} locale={{ emptyText: t('proj.none') }}
          pagination={pagination(t, page, query.data?.total, setPage)} columns={[
            { title: t('proj.nav.projects'), dataIndex: 'projectTitle' },
            { title: t('proj.f.seq'), dataIndex: 'seq' },
            { title: t('proj.f.amountYuan'), dataIndex: 'amount', render: yuan },
            { title: t('proj.f.purpose'), dataIndex: 'purpose' },
            { title: t('proj.f.status'), dataIndex: 'status', render: (s: Tranche['status']) => <TrancheTag status={s} t={t} /> },
            { title: t('proj.f.trace'), key: 'trace', render: (_, x) => t('proj.trace.requested', { name: x.requestedBy, t: formatDateTime(x.requestedAt) }) },
            { title: t('common.actions'), key: 'a', render: (_, x) => <Button size="small" onClick={() => navigate(`/app/projects/${x.projectId}`)}>{t('proj.open')}</Button> },
          ]} />
      )}
    </Card>
  );
}
