import type { ChannelClosure, Item } from '../core/index.js';
import type { Page } from './ports.js';

/**
 * Closed chats, and the stored items read back in posting order so the channel network can be
 * rebuilt in memory at start (the network itself is never stored: it is derived).
 */

/** One stored item with what its assessment attributed, as the channel network needs it. */
export interface NetworkRow {
  item: Item;
  tactics: string[];
  orgs: string[];
  /**
   * The language the scan saw. Assessments do not store a language today (language routes a
   * scan, it is not a signal), so adapters leave it out; the app works it out when it needs it.
   */
  language?: string;
}

export interface ChannelClosureStore {
  /** Stores a closure; false when the same platform, chat and closing time was recorded already. */
  recordClosure(closure: ChannelClosure): Promise<boolean>;
  /** Oldest closure first, so replaying them builds the same network. */
  listClosures(query: { platform?: string; limit: number; cursor?: string }): Promise<Page<ChannelClosure>>;
  /** Every stored item, oldest posting first (ties by key), with its assessment's tactics and orgs. */
  listNetworkRows(limit: number, cursor?: string): Promise<Page<NetworkRow>>;
}
