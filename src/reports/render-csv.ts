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

/** Spreadsheets treat a cell that starts with one of these as a formula (or, for tab/CR, strip to one). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A signed plain number cannot carry a formula, and Telegram chat ids look like "-1001234567890":
 * prefixing those would break every join on the id, so they are left as they are.
 */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Text cells only: a leading apostrophe makes Excel, LibreOffice and Sheets show the text as
 * typed instead of evaluating it. Numbers are written by us and never need it.
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = defuseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
