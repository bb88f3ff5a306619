import type { ChannelEvent } from '../../../core/index.js';
import { postedAt } from './dates.js';
import { clip, idString, put, type RawObject, str } from './raw-fields.js';

/** Fields every service message has; the rest are the action's own facts. */
const ENVELOPE = new Set([
  'id',
  'type',
  'date',
  'date_unixtime',
  'action',
  'actor',
  'actor_id',
  'text',
  'text_entities',
  'edited',
  'edited_unixtime',
]);

type Detail = string | number | boolean | string[];

function toDetail(value: unknown): Detail | undefined {
  if (typeof value === 'string') return clip(value, 1024);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  // `members` lists names; a deleted account is exported as null and is left out.
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string').map((v) => clip(v, 512) as string);
  return undefined;
}

/**
 * A service message (created, renamed, pinned, members joined, migrated) as a channel event.
 * Action facts are copied generically (`title`, `members`, `message_id`, `inviter`, ...) because
 * the exporter adds new actions over time and lineage analysis wants them all.
 * Returns undefined when the message has no usable date.
 */
export function toChannelEvent(message: RawObject, chatId: string, messageId: string): ChannelEvent | undefined {
  const at = postedAt(message);
  if (at === undefined) return undefined;
  const details: Record<string, Detail> = {};
  for (const [key, value] of Object.entries(message)) {
    if (ENVELOPE.has(key)) continue;
    const detail = toDetail(value);
    if (detail !== undefined) details[key] = detail;
  }
  const event: ChannelEvent = {
    platform: 'telegram',
    chatId,
    messageId,
    action: str(message.action) ?? 'unknown',
    at,
    details,
  };
  put(event, 'actor', clip(str(message.actor), 512));
  put(event, 'actorId', clip(idString(message.actor_id), 128));
  return event;
}
