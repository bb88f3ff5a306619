import type { WatchEntry } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import { metaChanges } from './channel-meta.js';

/** How the monitor keys and updates watch entries. */

/** A chat's metadata as observed, and what changed since `before`, as live events. */
export function metaEvents(before: WatchEntry['meta'], after: NonNullable<WatchEntry['meta']>): LiveEvent[] {
  return [
    { kind: 'channel', meta: after, source: 'mtproto' },
    ...metaChanges(before, after).map((event): LiveEvent => ({ kind: 'service', event, source: 'mtproto' })),
  ];
}

/** The key of a watch entry: `@username` in lower case, the bare chat id, or `+invitehash` (see `watchKey`). */
export { watchTargetKey as canonicalRef } from '../watch-key.js';

export function withoutError(entry: WatchEntry): WatchEntry {
  const { lastError: _dropped, ...rest } = entry;
  return rest;
}
