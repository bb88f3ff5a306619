import { appError } from '../core/index.js';

/**
 * Turns what a person types (`--quarter 2024Q4`, or `--from 2024-10-01 --to 2024-12-31`) into
 * the half-open UTC interval the store counts over. Quarterly figures are the headline number,
 * so a quarter must mean exactly the same instants every time it is asked for; everything is
 * UTC because a "day" that moves with the server's timezone would move items between reports.
 */

export interface PeriodInput {
  quarter?: string;
  from?: string;
  to?: string;
  /** Only marks a period that has not ended yet; defaults to the current time. */
  now?: Date;
}

export interface ReportPeriod {
  /** Inclusive start, ISO 8601 UTC (`Date.prototype.toISOString` form). */
  from: string;
  /** Exclusive end, same form. */
  to: string;
  /** What a reader sees: `Q4 2024`, `2024-10-01 – 2024-12-31`. */
  label: string;
}

const DAY_MS = 86_400_000;
const MAX_YEARS = 10;

const ACCEPTED =
  'Give either a quarter (2024Q4 or 2024-Q4) or both a start and an end (--from 2024-10-01 ' +
  '--to 2024-12-31, dates inclusive, or ISO date-times with a timezone such as ' +
  '2024-10-01T00:00:00Z, end exclusive).';

const QUARTER = /^(\d{4})-?Q([1-4])$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A zone is required: a bare local time would mean different instants on different servers.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The pointer names the input at fault (`quarter`, `from`, `to`) so the CLI and API can point at it. */
function invalid(problem: string, pointer?: 'quarter' | 'from' | 'to'): Error {
  return appError('REPORT_RANGE_INVALID', `${problem}. ${ACCEPTED}`, pointer);
}

/** Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not. */
function utc(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

/** A real calendar date, or undefined: 2024-02-30 must be rejected, not rolled into March. */
function calendarDate(year: number, month: number, day: number): Date | undefined {
  const date = utc(year, month - 1, day);
  const same = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return same ? date : undefined;
}

interface Bound {
  instant: Date;
  /** True when only a date was given, so an end bound covers that whole day. */
  dateOnly: boolean;
}

function parseBound(name: 'from' | 'to', text: string): Bound {
  const value = text.trim();
  const dateMatch = DATE.exec(value);
  if (dateMatch) {
    const [, y, m, d] = dateMatch;
    const date = calendarDate(Number(y), Number(m), Number(d));
    if (date) return { instant: date, dateOnly: true };
    throw invalid(`--${name} "${text}" is not a calendar date`, name);
  }
  const match = DATE_TIME.exec(value);
  if (match) {
    const [, y, m, d, hh, mm, ss = '0'] = match;
    const date = calendarDate(Number(y), Number(m), Number(d));
    const instant = new Date(value.toUpperCase());
    const timeOk = Number(hh) < 24 && Number(mm) < 60 && Number(ss) < 60;
    if (date && timeOk && !Number.isNaN(instant.getTime())) return { instant, dateOnly: false };
  }
  throw invalid(`--${name} "${text}" is not a date (YYYY-MM-DD) or an ISO date-time with a timezone`, name);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function quarterPeriod(text: string): { from: Date; to: Date; label: string } {
  const match = QUARTER.exec(text.trim());
  if (!match) throw invalid(`quarter "${text}" is not in the form 2024Q4`, 'quarter');
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  // Month index 12 rolls into January of the next year, which is exactly Q4's end.
  const from = utc(year, (quarter - 1) * 3, 1);
  const to = utc(year, quarter * 3, 1);
  return { from, to, label: `Q${quarter} ${year}` };
}

function rangePeriod(fromText: string, toText: string): { from: Date; to: Date; label: string } {
  const start = parseBound('from', fromText);
  const end = parseBound('to', toText);
  // A date-only end is inclusive as a date, so it ends where the next day starts.
  const to = end.dateOnly ? new Date(end.instant.getTime() + DAY_MS) : end.instant;
  const from = start.instant;
  const label =
    start.dateOnly && end.dateOnly
      ? `${isoDay(from)} – ${isoDay(end.instant)}`
      : `${from.toISOString()} – ${to.toISOString()}`;
  return { from, to, label };
}

function checkSpan(from: Date, to: Date): void {
  if (from.getTime() >= to.getTime()) {
    throw invalid(`the start (${from.toISOString()}) is not before the end (${to.toISOString()})`);
  }
  // Calendar years, not 3650 days, so 2015-01-01 to 2024-12-31 is allowed whatever the leap days.
  const limit = new Date(from.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_YEARS);
  if (to.getTime() > limit.getTime()) {
    throw invalid(`the period is longer than ${MAX_YEARS} years; split it into shorter reports`);
  }
}

/**
 * Parses a report period. Throws AppError `REPORT_RANGE_INVALID` when both or neither forms are
 * given, when a value is malformed, when the start is not before the end, or when the period is
 * longer than ten years (the store would scan everything, and a chart of it says nothing).
 */
export function parsePeriod(input: PeriodInput): ReportPeriod {
  const hasQuarter = input.quarter !== undefined;
  const hasRange = input.from !== undefined || input.to !== undefined;
  if (hasQuarter && hasRange) throw invalid('a quarter and a --from/--to range were both given');
  if (!hasQuarter && !hasRange) throw invalid('no period was given');

  let period: { from: Date; to: Date; label: string };
  if (input.quarter !== undefined) {
    period = quarterPeriod(input.quarter);
  } else {
    if (input.from === undefined) throw invalid('--to was given without --from', 'from');
    if (input.to === undefined) throw invalid('--from was given without --to', 'to');
    period = rangePeriod(input.from, input.to);
  }
  checkSpan(period.from, period.to);

  const now = input.now ?? new Date();
  // A report on a period still running is a partial count; say so where the number is read.
  const running = period.from.getTime() <= now.getTime() && now.getTime() < period.to.getTime();
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    label: running ? `${period.label} (to date)` : period.label,
  };
}
