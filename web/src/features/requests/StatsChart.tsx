import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../components/useEChart';
import { useT } from '../../lib/i18n';
import type { StatsRow } from './types-admin';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const RATES = [
  { key: 'responseRate', color: '#1f5fbf' },
  { key: 'resolutionRate', color: '#2b8a3e' },
  { key: 'satisfactionRate', color: '#e8590c' },
] as const;

/** 三率 per unit: bars of the response, resolution and satisfaction rates (%), a line of the requests received. */
export default function StatsChart({ rows }: { rows: StatsRow[] }) {
  const t = useT();
  const option = useMemo((): Option => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 64 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' },
    },
    yAxis: [
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      ...RATES.map(({ key, color }): BarSeriesOption => ({
        name: t(`req.stats.${key}`),
        type: 'bar',
        data: rows.map((r) => r[key]),
        itemStyle: { color },
      barMaxWidth: 40,
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      })),
      { name: t('req.stats.received'), type: 'line', yAxisIndex: 1, data: rows.map((r) => r.received), itemStyle: { color: '#595959' } },
    ],
  }), [rows, t]);
  const el = useEChart(option);

  return <div ref={el} style={{ width: '100%', height: 340 }} data-testid="stats-chart" />;
}
