import { csvCell } from '../core/index.js';
import type { Report } from './report.js';

/**
 * One CSV for spreadsheets: every section in one table, told apart by the `section` column, with
 * the same columns on every row (blank where a figure does not apply). Channel titles and org
 * names are written by whoever runs the channel, so every text cell is quoted per RFC 4180 and
 * defused against formula injection before a spreadsheet can evaluate it.
 */

export const CSV_COLUMNS = [
  'section',
  'key',
  'name',
  'scanned',
  'violating',
  'review',
  'clear',
  'flagged',
  'flagged_rate',
  'mentions',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvRow = Partial<Record<CsvColumn, string | number>>;

export interface CsvOptions {
  /**
   * Starts the file with a UTF-8 byte-order mark. Excel needs it to read Arabic titles as UTF-8;
   * most other readers take it as part of the first header, so it is off unless asked for.
   */
  bom?: boolean;
}

function line(row: CsvRow): string {
  return CSV_COLUMNS.map((column) => csvCell(row[column])).join(',');
}

function rows(report: Report): CsvRow[] {
  const { totals, period } = report;
  const out: CsvRow[] = [
    // The key is the ISO 8601 interval, so the row says exactly which instants it counts.
    {
      section: 'total',
      key: `${period.from}/${period.to}`,
      name: period.label,
      scanned: totals.scanned,
      violating: totals.violating,
      review: totals.review,
      clear: totals.clear,
      flagged: totals.flagged,
      flagged_rate: totals.flaggedRate,
    },
  ];
  for (const d of report.byDay) {
    out.push({
      section: 'day',
      key: d.day,
      scanned: d.scanned,
      violating: d.violating,
      review: d.review,
      flagged: d.flagged,
    });
  }
  for (const c of report.byCategory) {
    out.push({
      section: 'category',
      key: c.category,
      name: c.title,
      violating: c.violating,
      review: c.review,
      flagged: c.flagged,
    });
  }
  for (const o of report.byOrg) {
    out.push({
      section: 'org',
      key: o.org,
      name: o.org,
      violating: o.violating,
      review: o.review,
      flagged: o.flagged,
      mentions: o.mentions,
    });
  }
  for (const c of report.byChannel) {
    out.push({
      section: 'channel',
      key: c.chatId,
      name: c.title ?? '',
      scanned: c.scanned,
      violating: c.violating,
      review: c.review,
      flagged: c.flagged,
      flagged_rate: c.flaggedRate,
    });
  }
  return out;
}

/** RFC 4180: CRLF between records, including after the last one. */
export function renderCsv(report: Report, options: CsvOptions = {}): string {
  const lines = [CSV_COLUMNS.join(','), ...rows(report).map(line)];
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
