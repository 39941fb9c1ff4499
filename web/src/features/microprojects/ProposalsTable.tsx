import { useState } from 'react';
import { Button, Input, Select, Space, Table } from 'antd';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { useT, type MessageKey } from '../../lib/i18n';
import { exportProposals, useProposals } from './api';
import { ProposalTag, yuan } from './labels';
import { ReviewModal } from './ReviewModal';
import { PROPOSAL_STATUSES, type Proposal, type ProposalStatus } from './types';

/** Proposals with search, status filter, review and Excel export (of one budget, or all in scope). */
export function ProposalsTable({ budgetId, extra }: { budgetId?: number; extra?: React.ReactNode }) {
  const t = useT();
  const [filter, setFilter] = useState<{ q?: string; status?: ProposalStatus }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [reviewing, setReviewing] = useState<Proposal | null>(null);
  const query = useProposals({ budgetId, ...filter, ...page });
  const setF = (f: Partial<typeof filter>) => { setFilter({ ...filter, ...f }); setPage({ ...page, page: 1 }); };
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('mp.searchProposal')} onSearch={(v) => setF({ q: v.trim() || undefined })} style={{ width: 220 }} />
        <Select allowClear placeholder={t('mp.anyStatus')} style={{ width: 140 }} value={filter.status} onChange={(status) => setF({ status })}
          options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`mp.ps.${s}` as MessageKey) }))} data-testid="proposal-status-filter" />
        <ExportButton run={() => exportProposals({ budgetId, ...filter })} testId="proposals-export" />
        {extra}
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <Table<Proposal>
          rowKey="id" loading={query.isFetching} dataSource={query.data?.items ?? []} locale={{ emptyText: t('mp.empty.proposals') }}
          pagination={pagination(t, page, query.data?.total, setPage)} data-testid="proposals-table"
          columns={[
            { title: t('mp.f.title'), dataIndex: 'title' },
            ...(budgetId ? [] : [{ title: t('mp.f.community'), key: 'org', render: (_: unknown, p: Proposal) => `${p.orgName} ${p.year}` }]),
            { title: t('mp.f.proposer'), dataIndex: 'proposerName' },
            { title: t('mp.f.cost'), key: 'cost', render: (_, p) => yuan(p.costFen) },
            { title: t('mp.f.status'), key: 'status', render: (_, p) => <ProposalTag status={p.status} t={t} /> },
            { title: t('mp.f.votes'), dataIndex: 'votes', render: (v: number | null) => v ?? '—' },
            { title: t('mp.f.reviewNote'), dataIndex: 'reviewNote', ellipsis: true },
            {
              title: t('common.actions'), key: 'a', render: (_, p) => p.actions.includes('review')
                ? <Button size="small" type="primary" onClick={() => setReviewing(p)} data-testid={`proposal-review-${p.id}`}>{t('mp.review')}</Button> : null,
            },
          ]}
        />
      )}
      <ReviewModal proposal={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
