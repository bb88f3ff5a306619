import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/index.js';
import { hijriParts } from './hijri.js';
import { MAX_SPAN_DAYS, significantDatesBetween } from './significant-dates.js';

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'NOT_APP_ERROR';
  }
  return 'NO_ERROR';
}

describe('significantDatesBetween', () => {
  it('finds the built-in dates of Ramadan and Shawwal 1446', () => {
    const dates = significantDatesBetween('2025-02-25', '2025-04-05');
    expect(dates.map((d) => [d.day, d.name])).toEqual([
      ['2025-03-01', 'Start of Ramadan'],
      ['2025-03-27', 'Laylat al-Qadr'],
      ['2025-03-30', 'Eid al-Fitr'],
    ]);
    expect(dates[0]?.hijri).toBe('1 Ramadan 1446 AH');
    expect(dates.every((d) => d.calendar === 'hijri')).toBe(true);
  });

  it('finds every built-in date once in a Hijri year, each on its Hijri day', () => {
    const dates = significantDatesBetween('2024-07-07', '2025-06-25');
    expect(dates).toHaveLength(7);
    const arafah = dates.find((d) => d.name === 'Day of Arafah');
    expect(arafah?.day).toBe('2025-06-05');
    for (const d of dates) expect(hijriParts(d.day).year).toBe(1446);
  });

  it('adds Gregorian and Hijri anniversaries from the deployment', () => {
    const dates = significantDatesBetween('2025-01-01', '2026-12-31', [
      { name: 'founding anniversary', month: 6, day: 29, calendar: 'gregorian' },
      { name: 'hijri anniversary', month: 3, day: 12, calendar: 'hijri' },
    ]);
    expect(dates.filter((d) => d.name === 'founding anniversary').map((d) => d.day)).toEqual([
      '2025-06-29',
      '2026-06-29',
    ]);
    const hijri = dates.filter((d) => d.name === 'hijri anniversary');
    expect(hijri).toHaveLength(2);
    for (const d of hijri) expect(hijriParts(d.day)).toMatchObject({ month: 3, day: 12 });
  });

  it('returns nothing for a range with no significant day', () => {
    expect(significantDatesBetween('2025-04-10', '2025-04-20')).toEqual([]);
  });

  it('bounds the span and rejects reversed ranges and impossible anniversaries', () => {
    expect(errorCode(() => significantDatesBetween('2020-01-01', '2026-01-01'))).toBe('INPUT_INVALID');
    expect(errorCode(() => significantDatesBetween('2025-02-01', '2025-01-01'))).toBe('INPUT_INVALID');
    expect(errorCode(() => significantDatesBetween('2025-02-30', '2025-03-01'))).toBe('INPUT_INVALID');
    const extra = [{ name: 'bad', month: 13, day: 1, calendar: 'hijri' as const }];
    expect(errorCode(() => significantDatesBetween('2025-01-01', '2025-02-01', extra))).toBe('INPUT_INVALID');
    const start = new Date(Date.UTC(2024, 0, 1));
    const end = new Date(start.getTime() + (MAX_SPAN_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    expect(errorCode(() => significantDatesBetween('2024-01-01', end))).toBe('NO_ERROR');
  });
});
