import { lazy, Suspense, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { exportCoverage, useCoverage } from './api';
import { ExportButton } from './ExportButton';
import { CoverageTable } from './CoverageTable';
import { chinaMonthNow, pct } from './labels';

// ECharts is loaded only when the coverage tab is opened.
const CoverageChart = lazy(() => import('./CoverageChart'));

/** 覆盖率: households, visits this month and record completeness for a street, community or grid. */
export function CoverageTab({ orgId }: { orgId?: number }) {
  const t = useT();
  const [month, setMonth] = useState(chinaMonthNow());
  const query = useCoverage(orgId, month);

  const picker = (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${month}-01`)}
      disabledDate={(d) => d.isAfter(dayjs(), 'month') || d.year() < 2000}
      onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
      data-testid="coverage-month"
    />
  );

  if (query.isPending) return <PageSpinner />;
  if (query.isError)
    return (
      <>
        {picker}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const data = query.data;
  const tot = data.totals;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{data.orgName}</Typography.Text>
        {picker}
        <ExportButton run={() => exportCoverage(orgId, month)} testId="coverage-export" />
      </Space>
      <Row gutter={[16, 16]} data-testid="coverage-totals">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('gw.cov.households')}
              value={tot.households}
              suffix={tot.householdsTarget ? `/ ${tot.householdsTarget}` : undefined}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('gw.cov.visited')} value={tot.householdsVisited} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('gw.cov.visitRate')} value={pct(tot.visitRate)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('gw.cov.completeness')} value={pct(tot.completeness.overall)} />
          </Card>
        </Col>
      </Row>
      {data.rows.length === 0 ? (
        <Empty description={t('gw.cov.empty')} />
      ) : (
        <>
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <CoverageChart rows={data.rows} />
          </Suspense>
          <CoverageTable rows={data.rows} loading={query.isFetching} />
        </>
      )}
    </Space>
  );
}
