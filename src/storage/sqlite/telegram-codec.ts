import type {
  BackfillCheckpoint,
  BotRights,
  ChannelMeta,
  ChatType,
  MessageDeletion,
  ModeratedChat,
  Remover,
  UpdateState,
  WatchEntry,
} from '../../core/index.js';
import { toEpochMs } from './epoch-ms.js';
import { columnsOf } from './row-insert.js';

/*
 * Rows of the live Telegram tables (migration 0012), the same in both dialects: PostgreSQL's
 * store encodes and decodes with these too. Checkpoints, metadata and rights are read whole and
 * never searched, so they are JSON text.
 */

export interface WatchRow {
  ref: string;
  chat_id: string | null;
  join_chat: number;
  active: number;
  added_at: string;
  added_by: string;
  backfill: string;
  channel_pts: number | null;
  meta: string | null;
  last_error: string | null;
  updated_at: string;
}

export const WATCH_COLUMNS = columnsOf<WatchRow>({
  ref: true,
  chat_id: true,
  join_chat: true,
  active: true,
  added_at: true,
  added_by: true,
  backfill: true,
  channel_pts: true,
  meta: true,
  last_error: true,
  updated_at: true,
});

export function watchCells(w: WatchEntry): unknown[] {
  const row: WatchRow = {
    ref: w.ref,
    chat_id: w.chatId ?? null,
    join_chat: w.join ? 1 : 0,
    active: w.active ? 1 : 0,
    added_at: w.addedAt,
    added_by: w.addedBy,
    backfill: JSON.stringify(w.backfill),
    channel_pts: w.channelPts ?? null,
    meta: w.meta === undefined ? null : JSON.stringify(w.meta),
    last_error: w.lastError ?? null,
    updated_at: w.updatedAt,
  };
  return WATCH_COLUMNS.map((column) => row[column]);
}

export function decodeWatch(row: WatchRow): WatchEntry {
  return {
    ref: row.ref,
    ...(row.chat_id !== null && { chatId: row.chat_id }),
    join: row.join_chat === 1,
    active: row.active === 1,
    addedAt: row.added_at,
    addedBy: row.added_by,
    backfill: JSON.parse(row.backfill) as BackfillCheckpoint,
    ...(row.channel_pts !== null && { channelPts: Number(row.channel_pts) }),
    ...(row.meta !== null && { meta: JSON.parse(row.meta) as ChannelMeta }),
    ...(row.last_error !== null && { lastError: row.last_error }),
    updatedAt: row.updated_at,
  };
}

/**
 * Oldest entry first, by instant rather than by text (an ISO time with an offset does not sort
 * as text); the ref breaks ties. A watch list is a few hundred chats, so this sorts in memory.
 */
export function byAdded(a: WatchEntry, b: WatchEntry): number {
  const at = Date.parse(a.addedAt) - Date.parse(b.addedAt);
  if (at !== 0) return at;
  return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
}

/** Several refs (`@name`, its t.me link) may resolve to one chat: the followed, oldest one answers. */
export function firstOfChat(entries: WatchEntry[]): WatchEntry | undefined {
  return entries.sort((a, b) => Number(b.active) - Number(a.active) || byAdded(a, b))[0];
}

export interface UpdateStateRow {
  account: string;
  pts: number;
  qts: number;
  date: number;
  seq: number;
  updated_at: string;
}

export function updateStateCells(s: UpdateState): unknown[] {
  return [s.account, s.pts, s.qts, s.date, s.seq, s.updatedAt];
}

export function decodeUpdateState(row: UpdateStateRow): UpdateState {
  return {
    account: row.account,
    pts: Number(row.pts),
    qts: Number(row.qts),
    date: Number(row.date),
    seq: Number(row.seq),
    updatedAt: row.updated_at,
  };
}

export interface DeletionRow {
  platform: string;
  chat_id: string;
  message_id: string;
  deleted_at: string;
  source: MessageDeletion['source'];
  removed_by: Remover;
}

export function deletionCells(d: MessageDeletion): unknown[] {
  return [d.platform, d.chatId, d.messageId, d.deletedAt, toEpochMs(d.deletedAt, 'deletedAt'), d.source, d.removedBy];
}

export function decodeDeletion(row: DeletionRow): MessageDeletion {
  return {
    platform: row.platform,
    chatId: row.chat_id,
    messageId: row.message_id,
    deletedAt: row.deleted_at,
    source: row.source,
    removedBy: row.removed_by,
  };
}

export interface ModeratedChatRow {
  chat_id: string;
  type: ChatType;
  title: string | null;
  username: string | null;
  rights: string;
  checked_at: string;
}

export function moderatedChatCells(c: ModeratedChat): unknown[] {
  return [c.chatId, c.type, c.title ?? null, c.username ?? null, JSON.stringify(c.rights), c.checkedAt];
}

export function decodeModeratedChat(row: ModeratedChatRow): ModeratedChat {
  return {
    chatId: row.chat_id,
    type: row.type,
    ...(row.title !== null && { title: row.title }),
    ...(row.username !== null && { username: row.username }),
    rights: JSON.parse(row.rights) as BotRights,
    checkedAt: row.checked_at,
  };
}
