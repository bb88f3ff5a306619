import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Report } from './report.js';

/**
 * Charts for the HTML report, drawn on the server by Apache ECharts' SSR mode into SVG strings,
 * so the page needs no script and no network to show them. Only the pieces used are registered,
 * which keeps the import small. ECharts escapes text it writes into SVG, but not every attribute,
 * so nothing user-controlled is ever put in an option that becomes an attribute (names, styles);
 * user text reaches a chart only as axis-category data, which becomes escaped <text> content.
 */

use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption>;

/** Single quotes only: ECharts copies this into a double-quoted style attribute unescaped. */
export const CHART_FONT =
  "system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', Tahoma, 'Geeza Pro', Arial, sans-serif";

export const CHART_WIDTH = 760;
export const COLORS = { scanned: '#8aa4c8', violating: '#b3261e', review: '#e8a33d', flagged: '#b3261e' };
/** Bars for a quarter; beyond this many days a bar per day is thinner than a pixel. */
const MAX_BAR_DAYS = 120;
const TOP_ORGS = 10;
const LABEL_WIDTH = 170;

/**
 * zrender names each instance (zr0, zr1…) and each shared style class (cls-0, cls-1…) from
 * process-wide counters, so the same report would give different bytes on a second render.
 * Renumbering per chart makes the output reproducible and keeps names unique among the charts
 * of one page. Only class/id attributes, url(#…) references and CSS selectors are rewritten,
 * never text content, so a label that happens to read "zr1-cls-2" is left alone.
 */
function stableIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  const rename = (name: string): string => {
    let renamed = names.get(name);
    if (renamed === undefined) {
      const kind = name.replace(/^zr\d+-/, '').replace(/\d+$/, '');
      renamed = `${prefix}-${kind}${names.size}`;
      names.set(name, renamed);
    }
    return renamed;
  };
  return svg
    .replace(/(class|id)="(zr\d+-[\w-]+)"/g, (_, attr: string, name: string) => `${attr}="${rename(name)}"`)
    .replace(/url\(#(zr\d+-[\w-]+)\)/g, (_, name: string) => `url(#${rename(name)})`)
    .replace(/^\.(zr\d+-[\w-]+)(?=:hover)/gm, (_, name: string) => `.${rename(name)}`);
}

/** The xlink namespace is declared even when nothing uses it; without it the page names no URL but SVG's own. */
function dropUnusedXlink(svg: string): string {
  return svg.includes('xlink:href') ? svg : svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', '');
}

export function renderChart(option: ChartOption, size: { width: number; height: number; id: string }): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return dropUnusedXlink(stableIds(chart.renderToSVGString(), size.id));
  } finally {
    chart.dispose();
  }
}

const legend: LegendComponentOption = { top: 0, left: 'center', itemGap: 24 };

/** Items scanned (bars, or a line for long periods) against items flagged, per UTC day. */
export function dailyChart(report: Report): string | undefined {
  if (report.byDay.length === 0) return undefined;
  const days = report.byDay.map((d) => d.day);
  const asBars = days.length <= MAX_BAR_DAYS;
  const scanned: BarSeriesOption | LineSeriesOption = asBars
    ? { name: 'Scanned', type: 'bar', data: report.byDay.map((d) => d.scanned), itemStyle: { color: COLORS.scanned } }
    : {
        name: 'Scanned',
        type: 'line',
        showSymbol: false,
        data: report.byDay.map((d) => d.scanned),
        itemStyle: { color: COLORS.scanned },
        areaStyle: { opacity: 0.3 },
      };
  return renderChart(
    {
      legend,
      grid: { left: 64, right: 24, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: days, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        scanned,
        {
          name: 'Flagged',
          type: 'line',
          data: report.byDay.map((d) => d.flagged),
          itemStyle: { color: COLORS.flagged },
          showSymbol: days.length <= 31,
        },
      ],
    },
    { width: CHART_WIDTH, height: 340, id: 'rasd-daily' },
  );
}

interface StackedRow {
  label: string;
  violating: number;
  review: number;
}

/** Horizontal bars, violating and review stacked, first row at the top. */
function stackedBars(rows: StackedRow[], id: string): string {
  return renderChart(
    {
      legend,
      grid: { left: LABEL_WIDTH + 16, right: 32, top: 40, bottom: 32 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.label),
        // Long names (and hostile ones) are cut, not allowed to push the bars off the chart.
        axisLabel: { width: LABEL_WIDTH, overflow: 'truncate' },
      },
      series: [
        {
          name: 'Violating',
          type: 'bar',
          stack: 'flagged',
          data: rows.map((r) => r.violating),
          itemStyle: { color: COLORS.violating },
        },
        {
          name: 'Review',
          type: 'bar',
          stack: 'flagged',
          data: rows.map((r) => r.review),
          itemStyle: { color: COLORS.review },
        },
      ],
    },
    { width: CHART_WIDTH, height: 80 + rows.length * 30, id },
  );
}

/** Flagged items per category, in taxonomy order so two reports line up. */
export function categoryChart(report: Report): string | undefined {
  if (report.byCategory.length === 0) return undefined;
  const rows = report.byCategory.map((c) => ({ label: c.title, violating: c.violating, review: c.review }));
  return stackedBars(rows, 'rasd-categories');
}

/** The organisations with the most flagged items (the report is already sorted by that). */
export function orgChart(report: Report): string | undefined {
  const top = report.byOrg.filter((o) => o.flagged > 0).slice(0, TOP_ORGS);
  if (top.length === 0) return undefined;
  const rows = top.map((o) => ({ label: o.org, violating: o.violating, review: o.review }));
  return stackedBars(rows, 'rasd-orgs');
}
