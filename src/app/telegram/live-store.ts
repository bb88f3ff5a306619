import { appError } from '../../core/index.js';
import type { Store } from '../../storage/ports.js';

/** The store as live Telegram uses it (the watch list, deletions, actions and versions are on `Store`). */
export type LiveStore = Store;

const LIVE_METHODS = [
  'saveWatch',
  'getWatch',
  'listWatches',
  'recordDeletion',
  'listDeletions',
  'getModeratedChat',
  'saveModeratedChat',
  'listModeratedChats',
  'requestAction',
  'recordAttempt',
  'listItemActions',
  'listRequestedActions',
  'listItemVersions',
] as const;

/**
 * The context's store, checked for the live Telegram ports before a command relies on them. Both
 * adapters have them (migration 0012); a store that does not (a test double, a plug-in adapter
 * from before issue 8) becomes a sentence here instead of "is not a function" halfway through an
 * update.
 */
export function liveStore(store: Store): LiveStore {
  const candidate = store as Partial<Record<(typeof LIVE_METHODS)[number], unknown>>;
  const missing = LIVE_METHODS.filter((name) => typeof candidate[name] !== 'function');
  if (missing.length > 0) {
    throw appError(
      'CONFIG_INVALID',
      `this store does not keep live Telegram state (missing ${missing.join(', ')}); use the SQLite or PostgreSQL store of this version`,
      'db.url',
    );
  }
  return store;
}
