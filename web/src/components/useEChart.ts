import { useEffect, useRef, type RefObject } from 'react';
import * as echarts from 'echarts/core';

/**
 * One ECharts instance on the returned element: made on mount, resized with the window,
 * disposed on unmount; `option` (memoised by the caller) replaces the chart's option. The
 * caller registers the chart types it uses with `echarts.use`.
 */
export function useEChart(option: echarts.EChartsCoreOption): RefObject<HTMLDivElement | null> {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return el;
}
