import { useState } from 'react';
import { Button, Card, InputNumber, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { hasPermission, useSession } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { ExportButton } from '../../components/ExportButton';
import { exportBudgets, useBudgets } from './api';
import { BudgetFormModal } from './BudgetFormModal';
import { yuan } from './labels';
import type { Budget } from './types';

/** /app/micro-budgets: each community's yearly budget, what is allocated, spent and left; open one for its proposals, rounds and projects. */
export default function BudgetsPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const canManage = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.microprojectManage);
  const [year, setYear] = useState<number | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useBudgets({ year, ...page });
  return (
    <Card title={t('mp.nav.budgets')} data-testid="budgets-page"
      extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="budget-create">{t('mp.budget.create')}</Button>}>
      <Space style={{ marginBottom: 16 }}>
        <InputNumber placeholder={t('mp.f.year')} min={2000} max={2100} precision={0} value={year} onChange={(v) => { setYear(v ?? undefined); setPage({ ...page, page: 1 }); }} />
        <ExportButton run={() => exportBudgets({ year })} testId="budgets-export" />
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <Table<Budget>
          rowKey="id" loading={query.isFetching} dataSource={query.data?.items ?? []} locale={{ emptyText: t('mp.empty.budgets') }}
          pagination={pagination(t, page, query.data?.total, setPage)} data-testid="budgets-table"
          onRow={(b) => ({ onClick: () => navigate(`/app/micro-budgets/${b.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('mp.f.year'), dataIndex: 'year', width: 80 },
            { title: t('mp.f.community'), dataIndex: 'orgName' },
            { title: t('mp.f.amount'), key: 'amount', render: (_, b) => yuan(b.amountFen) },
            { title: t('mp.f.allocated'), key: 'alloc', render: (_, b) => yuan(b.allocatedFen) },
            { title: t('mp.f.spent'), key: 'spent', render: (_, b) => yuan(b.spentFen) },
            { title: t('mp.f.leftover'), key: 'left', render: (_, b) => yuan(b.leftoverFen) },
            { title: t('mp.f.proposals'), key: 'props', render: (_, b) => `${b.approvedCount}/${b.proposalCount}` },
            { title: t('mp.f.round'), key: 'round', render: (_, b) => (b.openRoundId ? <Tag color="purple">{t('mp.rs.voting')}</Tag> : '—') },
          ]}
        />
      )}
      <BudgetFormModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
