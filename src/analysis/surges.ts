import { dayNumber } from './calendar-days.js';
import { type DailyCount, dailyPeaks } from './daily-peaks.js';
import { hijriDate } from './hijri.js';
import type { SignificantDate } from './significant-dates.js';

/**
 * Surges: days whose count is at least `factor` times the median of the 14 days before
 * (and at least `minCount`), each shown with its Hijri date and, when one lies within
 * `nearDays`, the significant date it falls near. `daily` may skip quiet days (they count
 * as 0); its first day has no history and is never a surge (see daily-peaks.ts).
 */

export interface SurgeOptions {
  factor?: number;
  minCount?: number;
  nearDays?: number;
}

export interface Surge {
  day: string;
  hijri: string;
  count: number;
  baseline: number;
  /** Name of the nearest significant date within `nearDays`, when there is one. */
  near?: string;
}

export const SURGE_DEFAULTS = { factor: 3, minCount: 5, nearDays: 2 } as const;

export function findSurges(
  daily: readonly DailyCount[],
  dates: readonly SignificantDate[],
  options: SurgeOptions = {},
): Surge[] {
  const factor = options.factor ?? SURGE_DEFAULTS.factor;
  const minCount = options.minCount ?? SURGE_DEFAULTS.minCount;
  const nearDays = options.nearDays ?? SURGE_DEFAULTS.nearDays;
  const marked = dates.map((d) => ({ n: dayNumber(d.day), name: d.name }));
  return dailyPeaks(daily, { factor, minCount }).map((peak) => {
    const surge: Surge = { ...peak, hijri: hijriDate(peak.day) };
    const near = nearest(dayNumber(peak.day), marked, nearDays);
    if (near) surge.near = near;
    return surge;
  });
}

function nearest(n: number, marked: readonly { n: number; name: string }[], nearDays: number): string | undefined {
  let best: { distance: number; name: string } | undefined;
  for (const m of marked) {
    const distance = Math.abs(m.n - n);
    if (distance <= nearDays && (!best || distance < best.distance)) best = { distance, name: m.name };
  }
  return best?.name;
}
