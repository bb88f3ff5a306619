import type { RawObject } from './raw-fields.js';

const UNIX = /^\d{1,12}$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

function unixSeconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return typeof value === 'string' && UNIX.test(value) ? Number(value) : undefined;
}

/**
 * `date` is the exporting computer's local time with no zone, and that zone is not recorded
 * anywhere in the export, so it is read as UTC: it may be off by the exporter's offset. Exports
 * since 2021 also carry `date_unixtime`, which is exact and always preferred.
 */
function localSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !LOCAL.test(value)) return undefined;
  const ms = Date.parse(`${value}Z`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

const DAY = 86_400;
let cachedDay = Number.NaN;
let cachedPrefix = '';

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Same output as `Date#toISOString`, which costs about a microsecond a call: a noticeable
 * share of reading a message. Messages come in date order, so the `YYYY-MM-DDT` part is
 * cached per day and only the time of day is formatted.
 */
function toIso(unix: number | undefined): string | undefined {
  if (unix === undefined) return undefined;
  const day = Math.floor(unix / DAY);
  if (day !== cachedDay) {
    const date = new Date(day * DAY * 1000);
    if (Number.isNaN(date.getTime())) return undefined;
    cachedDay = day;
    cachedPrefix = date.toISOString().slice(0, -13);
  }
  const time = unix - day * DAY;
  return `${cachedPrefix}${two(Math.floor(time / 3600))}:${two(Math.floor(time / 60) % 60)}:${two(time % 60)}.000Z`;
}

/** When the message was posted, as ISO 8601 UTC; undefined when the export gives no usable date. */
export function postedAt(message: RawObject): string | undefined {
  return toIso(unixSeconds(message.date_unixtime) ?? localSeconds(message.date));
}

/** An edit is a new version of the message: its number is the edit time in unix seconds, else 0. */
export function editVersion(message: RawObject): number {
  return unixSeconds(message.edited_unixtime) ?? localSeconds(message.edited) ?? 0;
}
