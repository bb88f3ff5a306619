/**
 * The MTProto monitor (issue 8): a Telegram user client that follows public channels and groups
 * live and maps what it sees to Rasd's Items, exactly as the export reader would. Start with
 * `TelegramMonitor` (give it a `GramjsPort` built from the sealed session); the mapping functions
 * are pure and usable on their own.
 * @example
 * const port = new GramjsPort({ apiId, apiHash, session: await loadSession(path, secret) ?? '' });
 * const monitor = new TelegramMonitor({ account, port, store, sink, mediaDir, media, backfill, metadataRefreshMs });
 * await monitor.watch('@channel', { join: false, by: 'analyst' });
 * await monitor.start();
 */

export {
  applyBackfillPage,
  type BackfillLimits,
  type BackfillStep,
  driveBackfill,
  nextBackfillPage,
  startCheckpoint,
} from './backfill.js';
// Runtime: retries, update gaps, back-fill, the session vault, the port and the monitor.
export {
  classifyTelegramError,
  RETRY_DEFAULTS,
  type RetryOptions,
  type RetryWait,
  type TelegramFailure,
  withTelegramRetry,
} from './backoff.js';
// Pure mapping (GramJS objects → Items and live events).
export { channelMeta, metaChanges } from './channel-meta.js';
export { GramjsPort, type GramjsPortOptions, mediaSize } from './gramjs-port.js';
export { type LoginClient, type LoginOptions, loginInteractive } from './login.js';
export {
  type ChatEntity,
  type MappedMedia,
  type MessageEventOptions,
  type MessageItemOptions,
  messageToEvents,
  messageToItem,
} from './message-item.js';
export { type DescribedMedia, describeMedia, type MediaLimits, mediaOf } from './message-media.js';
export { type MonitorOptions, type Reachability, TelegramMonitor } from './monitor.js';
export type { MonitorLog, MonitorStore } from './monitor-runtime.js';
export type { MtprotoPort, ResolvedChat, ResolveTarget } from './mtproto-port.js';
export { type PeerLookup, peerChatId, peerLookupOf } from './peer-ids.js';
export {
  keySourceOf,
  loadSession,
  openSession,
  SESSION_KEY_VARIABLE,
  type SealedSession,
  saveSession,
  sealSession,
} from './session-vault.js';
export { type ChatLookup, updateToEvents } from './update-events.js';
export {
  type AccountState,
  accountDifferenceStep,
  channelDifferenceStep,
  classifyUpdate,
  type DifferenceStep,
  type UpdateOrder,
} from './update-gaps.js';
export { canonicalRef } from './watch-entry.js';
export { parseMessageLink, parseWatchRef, type WatchTarget } from './watch-ref.js';
