import { lazy, Suspense, useState } from 'react';
import { Card, DatePicker, Empty, Segmented, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useT } from '../../lib/i18n';
import { exportStats, useStats } from './api-admin';
import { LiveBadge } from './LiveBadge';
import { StatsTable } from './StatsTable';
import { StatsTotals } from './StatsTotals';
import { useRequestChanges } from './useRequestEvents';
import type { StatsBy, StatsQuery } from './types-admin';

// ECharts is loaded only with this page.
const StatsChart = lazy(() => import('./StatsChart'));

/** /app/request-stats — 三率统计: response, resolution and satisfaction rates of a unit per area or handling unit over months. */
export default function StatsPage() {
  const t = useT();
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [months, setMonths] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [by, setBy] = useState<StatsBy | undefined>(undefined);
  const q: StatsQuery = { orgId, by, from: months[0].format('YYYY-MM'), to: months[1].format('YYYY-MM') };
  const query = useStats(q);
  const data = query.data;
  const qc = useQueryClient();
  // The figures are kept by the database with every request write: a change anywhere in scope refreshes them.
  const live = useRequestChanges(() => void qc.invalidateQueries({ queryKey: ['request-stats'] }));

  const body = () => {
    if (query.isPending) return <PageSpinner />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    const stats = query.data;
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="stats-body" data-received={stats.totals.received}>
        <Typography.Text type="secondary">
          {stats.orgName} · {t('req.stats.period', { from: stats.from, to: stats.to })}
        </Typography.Text>
        <StatsTotals totals={stats.totals} />
        {stats.rows.length === 0 ? (
          <Empty description={t('req.stats.empty')} data-testid="stats-empty" />
        ) : (
          <Card size="small" title={t('req.stats.rates')}>
            <Suspense fallback={<div style={{ height: 340 }} />}>
              <StatsChart rows={stats.rows} />
            </Suspense>
          </Card>
        )}
        <Card size="small" title={t('req.stats.detail')}>
          <StatsTable stats={stats} />
        </Card>
      </Space>
    );
  };

  return (
    <Card
      title={t('nav.requestStats')}
      extra={
        <Space>
          <LiveBadge live={live} />
          <ExportButton run={() => exportStats(q)} testId="stats-export" />
        </Space>
      }
      data-testid="stats-page"
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('req.stats.unit')}</Typography.Text>
        <ScopeOrgPicker value={orgId} onChange={setOrgId} placeholder={t('req.stats.unitOwn')} style={{ width: 240 }} data-testid="stats-unit" />
        <Typography.Text type="secondary">{t('req.stats.months')}</Typography.Text>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={months}
          disabledDate={(d) => d.isAfter(dayjs(), 'month') || d.year() < 2000}
          onChange={(v) => v?.[0] && v[1] && setMonths([v[0], v[1]])}
          data-testid="stats-months"
        />
        <Typography.Text type="secondary">{t('req.stats.group')}</Typography.Text>
        <Segmented<StatsBy>
          value={by ?? (data?.by === 'handler' ? 'handler' : 'area')}
          onChange={setBy}
          options={[
            { value: 'area', label: t('req.stats.by.area') },
            { value: 'handler', label: t('req.stats.by.handler') },
          ]}
          data-testid="stats-by"
        />
      </Space>
      {body()}
    </Card>
  );
}
