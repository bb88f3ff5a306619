import { invalidInput } from '../core/index.js';

/**
 * UTC calendar days as `YYYY-MM-DD` and as whole day numbers since the epoch. Trends, surges
 * and bursts are all counted per UTC day so that every deployment buckets the same post the
 * same way, whatever the server's time zone.
 */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an ISO time (offsets are honoured, so `…T01:00+03:00` is the previous UTC day). */
export function utcDay(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw invalidInput(`not an ISO time: "${iso}"`);
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` day; rejects impossible dates such as 2025-02-30. */
export function dayNumber(day: string): number {
  if (!DAY_PATTERN.test(day)) throw invalidInput(`not a YYYY-MM-DD day: "${day}"`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw invalidInput(`not a calendar day: "${day}"`);
  }
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
