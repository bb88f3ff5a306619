import type { ChannelRow } from '../sqlite/channel-codec.js';
import { widenChannelSql } from '../sqlite/channel-widen.js';

/*
 * A channel seen again widens its seen range; its names and type follow the newest sighting
 * that has them, so importing an older export after a newer one cannot roll a rename back.
 * The same rule twice: in SQL against the stored row, and in `mergeSighting` for sightings of
 * one channel within a batch (one INSERT cannot update a row twice).
 */
export const WIDEN_CHANNEL = widenChannelSql('postgres');

/** `WIDEN_CHANNEL` applied in memory: `seen` is the channel so far, `next` the later sighting in the batch. */
export function mergeSighting(seen: ChannelRow, next: ChannelRow): ChannelRow {
  const newer = next.last_seen_ms >= seen.last_seen_ms;
  const earlier = next.first_seen_ms < seen.first_seen_ms;
  const later = next.last_seen_ms > seen.last_seen_ms;
  return {
    platform: seen.platform,
    id: seen.id,
    username: next.username !== null && (seen.username === null || newer) ? next.username : seen.username,
    title: next.title !== null && (seen.title === null || newer) ? next.title : seen.title,
    type: next.type !== 'unknown' && (seen.type === 'unknown' || newer) ? next.type : seen.type,
    first_seen_at: earlier ? next.first_seen_at : seen.first_seen_at,
    first_seen_ms: Math.min(next.first_seen_ms, seen.first_seen_ms),
    last_seen_at: later ? next.last_seen_at : seen.last_seen_at,
    last_seen_ms: Math.max(next.last_seen_ms, seen.last_seen_ms),
  };
}

/** One string per channel, for maps keyed by channel. */
export function channelKey(row: { platform: string; id: string }): string {
  return `${row.platform}\u0000${row.id}`;
}

/** One row per channel, sorted, so concurrent batches lock channel rows in the same order. */
export function mergeChannels(rows: readonly ChannelRow[]): ChannelRow[] {
  const byKey = new Map<string, ChannelRow>();
  for (const row of rows) {
    const key = channelKey(row);
    const seen = byKey.get(key);
    byKey.set(key, seen === undefined ? row : mergeSighting(seen, row));
  }
  return [...byKey.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, row]) => row);
}

/**
 * True when widening `stored` by `sighting` would change nothing. Widening only ever grows a
 * row, so a sighting covered by a snapshot stays covered whatever commits after it: skipping it
 * is safe without a lock, and spares the row lock that would make concurrent batches of the
 * same channels wait for each other's commits.
 */
export function covers(stored: ChannelRow, sighting: ChannelRow): boolean {
  const merged = mergeSighting(stored, sighting);
  return (
    merged.username === stored.username &&
    merged.title === stored.title &&
    merged.type === stored.type &&
    merged.first_seen_at === stored.first_seen_at &&
    merged.first_seen_ms === stored.first_seen_ms &&
    merged.last_seen_at === stored.last_seen_at &&
    merged.last_seen_ms === stored.last_seen_ms
  );
}
