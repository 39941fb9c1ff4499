import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { pagination, type PageState } from '../../components/pagination';
import { PERMISSIONS } from '../../lib/domain';
import { useT, type MessageKey } from '../../lib/i18n';
import { exportFile, useCampaigns } from './api';
import { CampaignFormModal } from './CampaignFormModal';
import { StatusTag, useCan } from './labels';
import { STATUSES, type Campaign, type CampaignStatus } from './types';

/** /app/evaluations: the campaigns in scope (search, status, Excel), and a new one. */
export default function CampaignsPage() {
  const t = useT();
  const nav = useNavigate();
  const [filter, setFilter] = useState<{ q?: string; status?: CampaignStatus }>({});
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const q = useCampaigns(filter, page);
  const manage = useCan(PERMISSIONS.evaluationManage);
  return (
    <Card title={t('ev.title')} data-testid="ev-campaigns">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear maxLength={50} placeholder={t('ev.search')} style={{ width: 240 }} onSearch={(v) => { setFilter((f) => ({ ...f, q: v.trim() || undefined })); setPage((p) => ({ ...p, page: 1 })); }} data-testid="ev-search" />
        <Select allowClear placeholder={t('ev.col.status')} style={{ width: 140 }} value={filter.status}
          options={STATUSES.map((s) => ({ value: s, label: t(`ev.status.${s}` as MessageKey) }))} onChange={(v) => setFilter((f) => ({ ...f, status: v }))} />
        <span style={{ flex: 1 }} />
        <ExportButton run={() => exportFile('/eval-campaigns/export.xlsx', filter, 'campaigns.xlsx')} testId="ev-campaigns-export" />
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ev-new">{t('ev.newCampaign')}</Button>}
      </Flex>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Campaign> rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []} pagination={pagination(t, page, q.data?.total, setPage)}
          locale={{ emptyText: <Empty description={t('ev.empty')} /> }}
          columns={[
            { title: t('ev.col.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/app/evaluations/${r.id}`} data-testid={`ev-campaign-${r.id}`}>{v}</Link> },
            { title: t('ev.col.org'), dataIndex: 'orgName' },
            { title: t('ev.col.period'), render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}` },
            { title: t('ev.col.status'), dataIndex: 'status', render: (s: CampaignStatus) => <StatusTag status={s} /> },
            { title: t('ev.col.weights'), render: (_, r) => `${r.weights.self} / ${r.weights.peer} / ${r.weights.resident}` },
            { title: t('ev.col.evaluatees'), dataIndex: 'evaluateeCount' },
          ]} />
      )}
      <CampaignFormModal open={creating} onClose={() => setCreating(false)} onSaved={(c) => nav(`/app/evaluations/${c.id}`)} />
    </Card>
  );
}
