import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * One ECharts chart. Only the chart kinds the dashboard uses are bundled. In Arabic the category
 * axis runs right to left (ECharts does not mirror on its own) and the legend moves to the right.
 */
export function Chart(props: { option: echarts.EChartsCoreOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { dir } = useI18n();
  useEffect(() => {
    const node = ref.current;
    if (node === null) return;
    const chart = echarts.init(node, undefined, { renderer: 'canvas' });
    const option = { ...props.option } as Record<string, unknown>;
    if (dir === 'rtl') {
      const flip = (axis: unknown) =>
        Array.isArray(axis)
          ? axis.map((a) => ({ ...a, inverse: a.type === 'category' ? true : a.inverse }))
          : axis && typeof axis === 'object' && (axis as { type?: string }).type === 'category'
            ? { ...axis, inverse: true }
            : axis;
      option.xAxis = flip(option.xAxis);
      if (
        option.yAxis &&
        (option.yAxis as { position?: string }).position === undefined &&
        option.xAxis !== undefined
      ) {
        option.yAxis = { ...(option.yAxis as object), position: 'right' };
      }
      option.legend = { ...((option.legend as object) ?? {}), right: 0, left: 'auto' };
    }
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.option, dir]);
  return (
    <div ref={ref} className="chart" role="img" aria-label={props.label} style={{ height: props.height ?? 260 }} />
  );
}
