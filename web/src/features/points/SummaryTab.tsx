import { lazy, Suspense, useState } from 'react';
import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { usePoolSummary } from './api';
import type { PoolRow } from './types';

const PoolChart = lazy(() => import('./PoolChart'));
const FIGURES = ['pool', 'issued', 'paid', 'held', 'volunteers', 'volunteerPoints'] as const;

/** 积分池概况: one row per community in scope (or under the picked org), with a bar chart. */
export function SummaryTab({ onOpenAccounts }: { onOpenAccounts: (row: PoolRow) => void }) {
  const t = useT();
  const [orgId, setOrgId] = useState<number>();
  const q = usePoolSummary(orgId);
  const rows = q.data?.items ?? [];
  const sum = (k: keyof PoolRow) => rows.reduce((n, r) => n + (r[k] as number), 0);

  const columns: ColumnsType<PoolRow> = [
    {
      title: t('points.col.community'), dataIndex: 'orgName', key: 'orgName',
      render: (v: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpenAccounts(r)} title={t('points.summary.openAccounts')} data-testid={`pool-${r.orgId}-open`}>{v}</Button>
      ),
    },
    ...FIGURES.map((k) => ({ title: t(`points.col.${k}`), dataIndex: k, key: k, align: 'right' as const, render: (v: number, r: PoolRow) => <span data-testid={`pool-${r.orgId}-${k}`}>{v}</span> })),
  ];

  return (
    <Flex vertical gap={16}>
      <ScopeOrgPicker value={orgId} onChange={(v) => setOrgId(v)} placeholder={t('points.filter.org')} style={{ maxWidth: 360 }} data-testid="points-summary-org" />
      {q.isPending ? (
        <PageSpinner />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <Empty description={t('points.summary.empty')} data-testid="points-summary-empty" />
      ) : (
        <>
          <Card size="small" title={t('points.chart.title')}>
            <Suspense fallback={<PageSpinner />}>
              <PoolChart rows={rows} />
            </Suspense>
          </Card>
          <Typography.Text type="secondary" data-testid="points-summary-totals">
            {t('points.summary.totals', { pool: sum('pool'), issued: sum('issued'), paid: sum('paid'), held: sum('held') })}
          </Typography.Text>
          <Table<PoolRow> rowKey="orgId" size="middle" columns={columns} dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20 } : false} loading={q.isFetching} data-testid="points-summary-table" scroll={{ x: 760 }} />
        </>
      )}
    </Flex>
  );
}
