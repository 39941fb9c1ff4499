import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
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
import type { CoverageRow } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Grid names share their community's name ("民主街社区第1网格"): drop the common prefix on the axis. */
function commonPrefix(names: string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0];
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Cut only after the community's name ("…社区", "…村"), never inside "第1网格".
  const after = (word: string) => (prefix.includes(word) ? prefix.lastIndexOf(word) + word.length : 0);
  const cut = Math.max(after('社区'), after('村'));
  return names.some((n) => n.length <= cut) ? '' : prefix.slice(0, cut);
}

const asPct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Per-grid bars: visit rate this month and overall completeness of resident records (%). */
export default function CoverageChart({ rows }: { rows: CoverageRow[] }) {
  const t = useT();
  const option = useMemo((): Option => {
    const prefix = commonPrefix(rows.map((r) => r.name));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 64 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: {
          interval: 0,
          rotate: rows.length > 6 ? 30 : 0,
          width: 110,
          overflow: 'truncate',
          formatter: (name: string) => name.slice(prefix.length),
        },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('gw.cov.visitRate'), type: 'bar', data: rows.map((r) => asPct(r.visitRate)), itemStyle: { color: '#1f5fbf' } },
        {
          name: t('gw.cov.completeness'),
          type: 'bar',
          data: rows.map((r) => asPct(r.completeness.overall)),
          itemStyle: { color: '#2b8a3e' },
        },
      ],
    };
  }, [rows, t]);
  const el = useEChart(option);

  return <div ref={el} style={{ width: '100%', height: 320 }} data-testid="coverage-chart" />;
}
