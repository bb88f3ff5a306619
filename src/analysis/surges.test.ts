import { describe, expect, it } from 'vitest';
import { dayFromNumber, dayNumber } from './calendar-days.js';
import { significantDatesBetween } from './significant-dates.js';
import { findSurges } from './surges.js';

/** `days` consecutive days from `start`, each with `base` posts, with some days overridden. */
function series(start: string, days: number, base: number, overrides: Record<string, number> = {}) {
  const first = dayNumber(start);
  return Array.from({ length: days }, (_, i) => {
    const day = dayFromNumber(first + i);
    return { day, count: overrides[day] ?? base };
  });
}

describe('findSurges', () => {
  const dates = significantDatesBetween('2025-02-01', '2025-04-30');

  it('flags a day three times its baseline and names the significant date it is near', () => {
    const daily = series('2025-03-01', 40, 4, { '2025-03-31': 30 });
    const surges = findSurges(daily, dates);
    expect(surges).toEqual([
      { day: '2025-03-31', hijri: '2 Shawwal 1446 AH', count: 30, baseline: 4, near: 'Eid al-Fitr' },
    ]);
  });

  it('leaves out near when no significant date is close', () => {
    const daily = series('2025-03-01', 45, 4, { '2025-04-12': 20 });
    const [surge] = findSurges(daily, dates);
    expect(surge?.day).toBe('2025-04-12');
    expect(surge && 'near' in surge).toBe(false);
  });

  it('does not flag a day just under the factor or under the minimum count', () => {
    expect(findSurges(series('2025-03-01', 30, 4, { '2025-03-20': 11 }), dates)).toEqual([]);
    // Baseline 0: the minimum count guards against a quiet channel's first busy day.
    expect(findSurges(series('2025-03-01', 30, 0, { '2025-03-20': 4 }), dates)).toEqual([]);
  });

  it('uses the median, so one earlier spike does not raise the bar for the next', () => {
    const daily = series('2025-03-01', 30, 2, { '2025-03-10': 40, '2025-03-15': 9 });
    expect(findSurges(daily, dates).map((s) => s.day)).toEqual(['2025-03-10', '2025-03-15']);
  });

  it('treats missing days as quiet and never judges the first day', () => {
    const daily = [
      { day: '2025-03-01', count: 50 },
      { day: '2025-03-02', count: 1 },
      { day: '2025-03-09', count: 12 },
    ];
    expect(findSurges(daily, dates, { nearDays: 0 }).map((s) => [s.day, s.baseline])).toEqual([['2025-03-09', 0]]);
  });

  it('honours factor, minCount and nearDays options', () => {
    const daily = series('2025-03-01', 30, 4, { '2025-03-28': 9 });
    expect(findSurges(daily, dates)).toEqual([]);
    const [surge] = findSurges(daily, dates, { factor: 2, minCount: 8, nearDays: 1 });
    expect(surge?.day).toBe('2025-03-28');
    expect(surge?.near).toBe('Laylat al-Qadr');
  });
});
