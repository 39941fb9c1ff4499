import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../components/useEChart';
import { useT, type MessageKey } from '../../lib/i18n';
import { DIMENSIONS, type Assessment } from './types';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** 成长评估 over time: the total (bold) and the five dimensions, one point per assessment. */
export default function GrowthChart({ items }: { items: Assessment[] }) {
  const t = useT();
  const option = useMemo((): Option => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 24, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: items.map((a) => a.assessedOn) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      { name: t('so.assess.total'), type: 'line', data: items.map((a) => a.total), lineStyle: { width: 4 }, itemStyle: { color: '#1f5fbf' } },
      ...DIMENSIONS.map((d): LineSeriesOption => ({ name: t(`so.dim.${d}` as MessageKey), type: 'line', data: items.map((a) => a[d]), lineStyle: { type: 'dashed' } })),
    ],
  }), [items, t]);
  const el = useEChart(option);
  return <div ref={el} style={{ width: '100%', height: 300 }} data-testid="growth-chart" />;
}
