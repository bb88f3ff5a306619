import type { Channel, ChannelEvent, ChatType } from '../../core/index.js';
import type { ChannelSummary } from '../ports.js';
import { toEpochMs } from './epoch-ms.js';
import { orNull } from './or-null.js';
import { columnsOf } from './row-insert.js';

export interface ChannelRow {
  platform: string;
  id: string;
  username: string | null;
  title: string | null;
  type: ChatType;
  first_seen_at: string;
  first_seen_ms: number;
  last_seen_at: string;
  last_seen_ms: number;
}

export interface ChannelSummaryRow extends ChannelRow {
  items: number;
  violating: number;
  review: number;
}

export interface ChannelEventRow {
  platform: string;
  chat_id: string;
  message_id: string;
  action: string;
  at: string;
  at_ms: number;
  actor: string | null;
  actor_id: string | null;
  details: string;
}

export const CHANNEL_COLUMNS = columnsOf<ChannelRow>({
  platform: true,
  id: true,
  username: true,
  title: true,
  type: true,
  first_seen_at: true,
  first_seen_ms: true,
  last_seen_at: true,
  last_seen_ms: true,
});
export const CHANNEL_EVENT_COLUMNS = columnsOf<ChannelEventRow>({
  platform: true,
  chat_id: true,
  message_id: true,
  action: true,
  at: true,
  at_ms: true,
  actor: true,
  actor_id: true,
  details: true,
});

export function channelToRow(c: Channel): ChannelRow {
  return {
    platform: c.platform,
    id: c.id,
    username: orNull(c.username),
    title: orNull(c.title),
    type: c.type,
    first_seen_at: c.firstSeenAt,
    first_seen_ms: toEpochMs(c.firstSeenAt, 'firstSeenAt'),
    last_seen_at: c.lastSeenAt,
    last_seen_ms: toEpochMs(c.lastSeenAt, 'lastSeenAt'),
  };
}

export function rowToChannelSummary(row: ChannelSummaryRow): ChannelSummary {
  return {
    platform: row.platform,
    id: row.id,
    ...(row.username !== null && { username: row.username }),
    ...(row.title !== null && { title: row.title }),
    type: row.type,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    items: row.items,
    violating: row.violating,
    review: row.review,
  };
}

export function channelEventToRow(e: ChannelEvent): ChannelEventRow {
  return {
    platform: e.platform,
    chat_id: e.chatId,
    message_id: e.messageId,
    action: e.action,
    at: e.at,
    at_ms: toEpochMs(e.at, 'at'),
    actor: orNull(e.actor),
    actor_id: orNull(e.actorId),
    details: JSON.stringify(e.details),
  };
}

export function rowToChannelEvent(row: ChannelEventRow): ChannelEvent {
  return {
    platform: row.platform,
    chatId: row.chat_id,
    messageId: row.message_id,
    action: row.action,
    at: row.at,
    ...(row.actor !== null && { actor: row.actor }),
    ...(row.actor_id !== null && { actorId: row.actor_id }),
    details: JSON.parse(row.details) as ChannelEvent['details'],
  };
}
