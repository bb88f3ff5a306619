import { invalidInput } from '../core/index.js';
import { dayFromNumber, dayNumber } from './calendar-days.js';
import { hijriDate, hijriParts } from './hijri.js';

/**
 * Days that propaganda output is known to cluster around: the Islamic calendar's feasts and
 * fasts, plus whatever anniversaries a deployment adds (Gregorian or Hijri). Hijri dates are
 * found by walking the days and reading the Umm al-Qura calendar, which is exact and cheap for
 * the few years a dashboard looks at; a day that a month lacks (30th of a 29-day month) simply
 * does not occur that year.
 */

export type DateCalendar = 'hijri' | 'gregorian';

export interface SignificantDate {
  /** Gregorian UTC day, `YYYY-MM-DD`. */
  day: string;
  name: string;
  hijri: string;
  calendar: DateCalendar;
}

export interface AnnualDate {
  name: string;
  month: number;
  day: number;
  calendar: DateCalendar;
}

export const ISLAMIC_DATES: readonly AnnualDate[] = [
  { name: 'Islamic new year', month: 1, day: 1, calendar: 'hijri' },
  { name: 'Ashura', month: 1, day: 10, calendar: 'hijri' },
  { name: 'Start of Ramadan', month: 9, day: 1, calendar: 'hijri' },
  { name: 'Laylat al-Qadr', month: 9, day: 27, calendar: 'hijri' },
  { name: 'Eid al-Fitr', month: 10, day: 1, calendar: 'hijri' },
  { name: 'Day of Arafah', month: 12, day: 9, calendar: 'hijri' },
  { name: 'Eid al-Adha', month: 12, day: 10, calendar: 'hijri' },
];

/** About three years: enough for any dashboard range while keeping one call to a few ms. */
export const MAX_SPAN_DAYS = 3 * 366;

function checkAnnual(date: AnnualDate): void {
  const maxDay = date.calendar === 'hijri' ? 30 : 31;
  const ok =
    Number.isInteger(date.month) &&
    Number.isInteger(date.day) &&
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= maxDay;
  if (!ok) throw invalidInput(`"${date.name}": month ${date.month} day ${date.day} is not a ${date.calendar} date`);
}

/** Every significant date from `from` to `to` (inclusive `YYYY-MM-DD` days), by day then name. */
export function significantDatesBetween(
  from: string,
  to: string,
  extra: readonly AnnualDate[] = [],
): SignificantDate[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) throw invalidInput(`"${to}" is before "${from}"`);
  if (last - first + 1 > MAX_SPAN_DAYS) {
    throw invalidInput(`significant dates span at most ${MAX_SPAN_DAYS} days per call; asked for ${last - first + 1}`);
  }
  extra.forEach(checkAnnual);
  const annual = [...ISLAMIC_DATES, ...extra];
  const found: SignificantDate[] = [];
  for (let n = first; n <= last; n++) {
    const day = dayFromNumber(n);
    const hijri = hijriParts(day);
    const month = Number(day.slice(5, 7));
    const dom = Number(day.slice(8, 10));
    for (const date of annual) {
      const hit =
        date.calendar === 'hijri'
          ? date.month === hijri.month && date.day === hijri.day
          : date.month === month && date.day === dom;
      if (hit) found.push({ day, name: date.name, hijri: hijriDate(day), calendar: date.calendar });
    }
  }
  return found.sort((a, b) => (a.day === b.day ? a.name.localeCompare(b.name) : a.day < b.day ? -1 : 1));
}
