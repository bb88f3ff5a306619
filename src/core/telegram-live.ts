import type { ChatType } from './item.js';

/**
 * What the live Telegram connectors (issue 8) observe besides messages, shared by the MTProto
 * monitor, the Bot API moderator, storage and the app, so the shapes are defined once here.
 */

/**
 * A chat's public face when it was observed. Renames and avatar swaps are evasion (a banned
 * channel comes back under a new name with the old picture), so each refresh is compared with the
 * last one and a change becomes a channel event.
 */
export interface ChannelMeta {
  platform: 'telegram';
  /** The bare id, as exports write it: no `-100` prefix (see `connectors/telegram/telegram-ids.ts`). */
  chatId: string;
  type: ChatType;
  username?: string;
  title?: string;
  /** The channel's description ("about"). */
  about?: string;
  memberCount?: number;
  /** Telegram's id of the current profile photo; a change of id is an avatar swap. */
  avatarId?: string;
  /** The avatar's file, relative to the connector's media folder, once downloaded. */
  avatarPath?: string;
  /** PDQ of the avatar when it was downloaded and hashed (lineage compares avatars by it). */
  avatarPdq?: string;
  observedAt: string;
}

/** Where a chat's history back-fill stands; resumable after any stop. */
export interface BackfillCheckpoint {
  state: 'pending' | 'running' | 'done';
  /** The newest message id when the back-fill began: live updates cover everything after it. */
  newestId?: number;
  /** The oldest message id fetched so far; the next page asks for messages older than it. */
  oldestId?: number;
  /** Messages handed to the scan so far. */
  fetched: number;
  /** Messages older than this (ISO 8601) are not fetched; absent means the whole history. */
  notBefore?: string;
}

/** A chat on the MTProto monitor's watch list. */
export interface WatchEntry {
  /** The chat as the user named it (`@name`, a t.me link, an id); the key of the entry. */
  ref: string;
  /** Known once resolved. */
  chatId?: string;
  /** Join the chat (public channels and groups) rather than only reading it. */
  join: boolean;
  /** Unwatching keeps the entry (and its checkpoint) but stops following it. */
  active: boolean;
  addedAt: string;
  addedBy: string;
  backfill: BackfillCheckpoint;
  /** The channel's own update sequence (pts), for getChannelDifference after a gap. */
  channelPts?: number;
  meta?: ChannelMeta;
  /** Why the last attempt on this chat failed (a sentence, never content). */
  lastError?: string;
  updatedAt: string;
}

/** The account-wide update sequence of the MTProto session (updates.State). */
export interface UpdateState {
  account: string;
  pts: number;
  qts: number;
  date: number;
  seq: number;
  updatedAt: string;
}

/**
 * Who removed a message Rasd saw disappear: its author (deleted before any action of ours: post
 * and delete is a tactic, and evidence is kept), the platform (after a referral), or Rasd (our
 * own delete action).
 */
export const REMOVERS = ['author', 'platform', 'rasd'] as const;
export type Remover = (typeof REMOVERS)[number];

export interface MessageDeletion {
  platform: string;
  chatId: string;
  messageId: string;
  /** When the deletion was observed (Telegram does not say when a message was deleted). */
  deletedAt: string;
  /** How it was seen: a live update, or a re-check that found the message gone. */
  source: 'mtproto' | 'bot-api' | 'recheck';
  removedBy: Remover;
}

/** What a bot may do in a chat where it is an administrator (from getChatMember on itself). */
export interface BotRights {
  status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked' | 'unknown';
  canDeleteMessages: boolean;
  canRestrictMembers: boolean;
}

/** A chat the Bot API moderator has seen an update from, with its rights there. */
export interface ModeratedChat {
  chatId: string;
  type: ChatType;
  title?: string;
  username?: string;
  rights: BotRights;
  checkedAt: string;
}
