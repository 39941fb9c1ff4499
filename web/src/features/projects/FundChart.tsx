import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../components/useEChart';
import { useT } from '../../lib/i18n';
import type { Line } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const SERIES = [
  { key: 'amount', label: 'proj.fund.amount', color: '#1f5fbf' },
  { key: 'committed', label: 'proj.fund.committed', color: '#e8590c' },
  { key: 'paid', label: 'proj.fund.paid', color: '#2b8a3e' },
  { key: 'remaining', label: 'proj.fund.remaining', color: '#7048e8' },
] as const;

/** Per budget line, in yuan: the line's amount, approved to projects, paid, and what is left. */
export default function FundChart({ lines }: { lines: Line[] }) {
  const t = useT();
  const option = useMemo((): Option => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 72, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: lines.map((l) => l.name) },
    yAxis: { type: 'value' },
    series: SERIES.map((s) => ({ type: 'bar', name: t(s.label), data: lines.map((l) => l[s.key] / 100), itemStyle: { color: s.color } })),
  }), [lines, t]);
  const el = useEChart(option);
  return <div ref={el} style={{ width: '100%', height: 260 }} role="img" aria-label={t('proj.fund.chartTitle')} data-testid="fund-chart" />;
}
