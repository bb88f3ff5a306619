import type { ChannelEvent, ChannelMeta, ItemInput } from '../../core/index.js';

/**
 * What a live connector (the MTProto monitor or the Bot API moderator) hands to the app: one
 * union, so the app handles both the same way. Mapping is pure; fetching and acting live in the
 * connectors' runtimes.
 */
export type LiveEvent =
  /**
   * A new message, or an edit: an edit carries `version` = edit time (unix seconds), exactly as
   * the export reader numbers versions, and is scanned as a new version of the message.
   */
  | { kind: 'item'; item: ItemInput; edited: boolean; source: LiveSource }
  /** Messages seen deleted. Telegram does not say when, so `observedAt` is when we saw it. */
  | { kind: 'deleted'; chatId: string; messageIds: string[]; observedAt: string; source: LiveSource }
  /** A chat's metadata as observed now (refresh, or an update that changed it). */
  | { kind: 'channel'; meta: ChannelMeta; source: LiveSource }
  /** A service message (renamed, photo changed, pinned, migrated), as the export reader emits them. */
  | { kind: 'service'; event: ChannelEvent; source: LiveSource };

export type LiveSource = 'mtproto' | 'bot-api';

/** Receives a connector's events; a rejected promise stops the connector's current step, which retries. */
export type LiveSink = (events: readonly LiveEvent[]) => Promise<void>;
