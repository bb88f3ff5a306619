import type { ChatType } from './item.js';

/** A chat Rasd has seen items from: a channel, a group, or a private chat. */
export interface Channel {
  platform: string;
  id: string;
  username?: string;
  title?: string;
  type: ChatType;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * Service messages (created, renamed, pinned, members joined, migrated) are facts about a
 * channel, not content to judge; they feed lineage analysis later (renames and migrations are
 * how mirror and resurrected channels show themselves).
 */
export interface ChannelEvent {
  platform: string;
  chatId: string;
  messageId: string;
  action: string;
  at: string;
  actor?: string;
  actorId?: string;
  /** Action-specific facts: new title, members added, pinned message id, migrated-to id. */
  details: Record<string, string | number | boolean | string[]>;
}

/**
 * Who said a chat is closed: an action Rasd took, an import from a partner or platform list, a
 * person by hand, or a referral outcome that reported the channel removed.
 */
export const CLOSURE_SOURCES = ['action', 'import', 'manual', 'outcome'] as const;
export type ClosureSource = (typeof CLOSURE_SOURCES)[number];

/**
 * A chat known to be closed. Lineage analysis scores the chats that appear after it as its
 * possible successors; a repeated report of the same closure is one record.
 */
export interface ChannelClosure {
  platform: string;
  /** The chat as the report named it: a chat id, or a public handle (with or without `@`). */
  chatRef: string;
  /** The channel-network node it resolved to when recorded, if the network knew the chat. */
  nodeId?: string;
  closedAt: string;
  source: ClosureSource;
  note?: string;
  recordedBy: string;
  recordedAt: string;
}
