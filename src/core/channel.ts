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
