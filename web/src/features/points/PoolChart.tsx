import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../components/useEChart';
import { useT } from '../../lib/i18n';
import type { PoolRow } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const SERIES = [
  { key: 'pool', color: '#1f5fbf' },
  { key: 'paid', color: '#2b8a3e' },
  { key: 'held', color: '#e8590c' },
  { key: 'volunteerPoints', color: '#7048e8' },
] as const;

/** Per community: what is left in the pool, paid out, on hold and held by residents. */
export default function PoolChart({ rows }: { rows: PoolRow[] }) {
  const t = useT();
  const option = useMemo((): Option => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: rows.map((r) => r.orgName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: SERIES.map((s) => ({ type: 'bar', name: t(`points.col.${s.key}`), data: rows.map((r) => r[s.key]), itemStyle: { color: s.color } })),
  }), [rows, t]);
  const el = useEChart(option);
  return <div ref={el} style={{ width: '100%', height: 320 }} role="img" aria-label={t('points.chart.title')} data-testid="points-chart" />;
}
