import { dayFromNumber, dayNumber } from './calendar-days.js';

/**
 * Days whose count stands far above the days just before them. Shared by surges (posts or
 * tactics per day) and creation bursts (new chats per day).
 *
 * The baseline is the median of the previous `baselineDays` days, so one earlier spike does not
 * hide the next. Days inside the series with no entry count as 0; days before the series starts
 * are unknown, not 0, and the first day of a series is never a peak: it has no history, and for
 * creation bursts it is the day monitoring began, when every existing chat looks new.
 */

export interface DailyCount {
  day: string;
  count: number;
}

export interface DailyPeak {
  day: string;
  count: number;
  baseline: number;
}

export interface PeakOptions {
  factor: number;
  minCount: number;
  baselineDays?: number;
}

export const BASELINE_DAYS = 14;

export function dailyPeaks(daily: readonly DailyCount[], options: PeakOptions): DailyPeak[] {
  const byDay = new Map<number, number>();
  for (const { day, count } of daily) {
    const n = dayNumber(day);
    byDay.set(n, (byDay.get(n) ?? 0) + count);
  }
  if (byDay.size === 0) return [];
  const first = Math.min(...byDay.keys());
  const last = Math.max(...byDay.keys());
  const span = options.baselineDays ?? BASELINE_DAYS;
  const peaks: DailyPeak[] = [];
  for (let n = first + 1; n <= last; n++) {
    const count = byDay.get(n) ?? 0;
    if (count < options.minCount) continue;
    const history: number[] = [];
    for (let p = Math.max(first, n - span); p < n; p++) history.push(byDay.get(p) ?? 0);
    const baseline = median(history);
    if (count >= Math.max(options.minCount, options.factor * baseline)) {
      peaks.push({ day: dayFromNumber(n), count, baseline });
    }
  }
  return peaks;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
