import { invalidInput } from '../core/index.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import type { Report } from './report.js';

/**
 * The report room's public face: parse a period, build a Report from the store, render it.
 * Formats are a registry, so the CLI's `--format` choices, the HTTP content types and the file
 * extensions all come from one place instead of three switch statements.
 */

/** The formats `renderReport` accepts, in the order a help text should list them. */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportRenderer {
  render: (report: Report) => string;
  /** For an HTTP Content-Type header. */
  mediaType: string;
  /** For a file name, without the dot. */
  extension: string;
}

/** `satisfies Record<ReportFormat, …>` makes adding a format without a renderer a type error. */
export const REPORT_RENDERERS = {
  json: { render: renderJson, mediaType: 'application/json; charset=utf-8', extension: 'json' },
  csv: {
    render: (report) => renderCsv(report),
    mediaType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
  },
  html: { render: renderHtml, mediaType: 'text/html; charset=utf-8', extension: 'html' },
} as const satisfies Record<ReportFormat, ReportRenderer>;

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * Renders a report in one of REPORT_FORMATS. The format is checked at run time too, because it
 * usually arrives as an unchecked string from a flag or a query parameter.
 */
export function renderReport(report: Report, format: ReportFormat): string {
  if (!isReportFormat(format)) {
    throw invalidInput(`unknown report format "${String(format)}"; use one of ${REPORT_FORMATS.join(', ')}`, 'format');
  }
  return REPORT_RENDERERS[format].render(report);
}

export { type PeriodInput, parsePeriod, type ReportPeriod } from './period.js';
export { CSV_COLUMNS, type CsvOptions, renderCsv } from './render-csv.js';
export { escapeHtml, renderHtml } from './render-html.js';
export { renderJson } from './render-json.js';
export {
  type BuildReportInput,
  buildReport,
  type CategoryKind,
  MAX_PADDED_DAYS,
  type Report,
  type ReportCategory,
  type ReportChannel,
  type ReportDay,
  type ReportOrg,
  type ReportTotals,
} from './report.js';
