import { useState } from 'react';
import { Button, Card, Descriptions, Input, Select, Space, Table, Tabs } from 'antd';
import { ExportButton } from '../../components/ExportButton';
import { Link, useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportProjects, exportSpending, useBudget, useProjects, useRounds } from './api';
import { BudgetFormModal } from './BudgetFormModal';
import { ProjectTag, RoundTag, yuan } from './labels';
import { OpenRoundModal } from './OpenRoundModal';
import { ProposalsTable } from './ProposalsTable';
import { RecordProposalModal } from './RecordProposalModal';
import type { ProjectSummary, Round } from './types';

function RoundsTab({ budgetId }: { budgetId: number }) {
  const t = useT();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useRounds({ budgetId, ...page });
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table<Round> rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []} locale={{ emptyText: t('mp.empty.rounds') }} pagination={pagination(t, page, q.data?.total, setPage)} data-testid="rounds-table"
      columns={[
        { title: t('mp.f.roundTitle'), key: 'title', render: (_, r) => <Link to={`/app/micro-rounds/${r.id}`}>{r.title}</Link> },
        { title: t('mp.f.status'), key: 's', render: (_, r) => <RoundTag status={r.status} t={t} /> },
        { title: t('mp.f.available'), key: 'av', render: (_, r) => yuan(r.availableFen) },
        { title: t('mp.f.allocated'), key: 'al', render: (_, r) => yuan(r.allocatedFen) },
        { title: t('mp.f.turnout'), key: 'to', render: (_, r) => (r.cast === null ? '—' : `${r.cast}/${r.eligible}`) },
        { title: t('mp.f.openedAt'), key: 'o', render: (_, r) => formatDateTime(r.openedAt) },
      ]} />
  );
}

export function ProjectsTable({ budgetId }: { budgetId?: number }) {
  const t = useT();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [filter, setFilter] = useState<{ q?: string; status?: 'implementing' | 'completed' }>({});
  const q = useProjects({ budgetId, ...filter, ...page });
  const setF = (f: Partial<typeof filter>) => { setFilter({ ...filter, ...f }); setPage({ ...page, page: 1 }); };
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search allowClear placeholder={t('mp.searchProject')} onSearch={(v) => setF({ q: v.trim() || undefined })} style={{ width: 220 }} />
      <Select allowClear placeholder={t('mp.anyStatus')} style={{ width: 140 }} value={filter.status} onChange={(status) => setF({ status })}
        options={(['implementing', 'completed'] as const).map((s) => ({ value: s, label: t(`mp.js.${s}`) }))} />
      <ExportButton run={() => exportProjects({ budgetId, ...filter })} testId="projects-export" />
      <ExportButton run={() => exportSpending({ budgetId })} testId="spending-export" label={t('mp.exportSpending')} />
    </Space>
    <Table<ProjectSummary> rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []} locale={{ emptyText: t('mp.empty.projects') }} pagination={pagination(t, page, q.data?.total, setPage)} data-testid="projects-table"
      columns={[
        { title: t('mp.f.title'), key: 'title', render: (_, p) => <Link to={`/app/micro-projects/${p.id}`} data-testid={`project-link-${p.id}`}>{p.title}</Link> },
        ...(budgetId ? [] : [{ title: t('mp.f.community'), key: 'org', render: (_: unknown, p: ProjectSummary) => `${p.orgName} ${p.year}` }]),
        { title: t('mp.f.votes'), dataIndex: 'votes', width: 70 },
        { title: t('mp.f.cost'), key: 'c', render: (_, p) => yuan(p.costFen) },
        { title: t('mp.f.spent'), key: 's', render: (_, p) => yuan(p.spentFen) },
        { title: t('mp.f.milestones'), key: 'm', render: (_, p) => `${p.milestonesDone}/${p.milestonesTotal}` },
        { title: t('mp.f.rating'), key: 'r', render: (_, p) => (p.ratingAverage === null ? '—' : `${p.ratingAverage} (${p.ratingCount})`) },
        { title: t('mp.f.status'), key: 'st', render: (_, p) => <ProjectTag status={p.status} t={t} /> },
      ]} />
    </>
  );
}

/** /app/micro-budgets/:id: the budget, its proposals with review, its rounds and its projects. */
export default function BudgetDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useBudget(id);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const [opening, setOpening] = useState(false);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const b = q.data;
  return (
    <Card title={`${b.orgName} · ${t('mp.budget.ofYear', { year: b.year })}`} data-testid="budget-page"
      extra={<Space>
        {b.actions.includes('edit') && <Button onClick={() => setEditing(true)}>{t('mp.budget.edit')}</Button>}
        {b.openRoundId && <Link to={`/app/micro-rounds/${b.openRoundId}`}><Button>{t('mp.round.current')}</Button></Link>}
        {b.actions.includes('openRound') && <Button type="primary" onClick={() => setOpening(true)} data-testid="round-open">{t('mp.round.open')}</Button>}
      </Space>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('mp.f.amount')}>{yuan(b.amountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.allocated')}>{yuan(b.allocatedFen)}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.leftover')}><span data-testid="budget-leftover">{yuan(b.leftoverFen)}</span></Descriptions.Item>
        <Descriptions.Item label={t('mp.f.spent')}>{yuan(b.spentFen)}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.proposals')}>{`${b.approvedCount}/${b.proposalCount}`}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.note')}>{b.note || '—'}</Descriptions.Item>
      </Descriptions>
      <Tabs destroyOnHidden items={[
        { key: 'proposals', label: t('mp.tab.proposals'), children: <ProposalsTable budgetId={b.id} extra={b.actions.includes('edit') && <Button onClick={() => setRecording(true)} data-testid="proposal-record">{t('mp.record')}</Button>} /> },
        { key: 'rounds', label: t('mp.tab.rounds'), children: <RoundsTab budgetId={b.id} /> },
        { key: 'projects', label: t('mp.tab.projects'), children: <ProjectsTable budgetId={b.id} /> },
      ]} />
      {editing && <BudgetFormModal open budget={b} onClose={() => setEditing(false)} />}
      <RecordProposalModal budgetId={b.id} open={recording} onClose={() => setRecording(false)} />
      <OpenRoundModal budget={b} open={opening} onClose={() => setOpening(false)} />
    </Card>
  );
}
