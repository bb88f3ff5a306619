import type { ChannelEvent, ChatRef } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import { bareChatId } from '../telegram-ids.js';
import { chatRef, messageItem } from './message-item.js';
import type { BotFile } from './message-media.js';

/**
 * A Bot API Update as LiveEvents. The file ids of an item's media travel beside the events
 * (`files`), not inside them: LiveEvent is shared with the MTProto monitor, which fetches
 * media differently, and the sink never needs file ids.
 */
export interface BotUpdateEvents {
  updateId?: number;
  events: LiveEvent[];
  /** For the item event (if any): which of its media can be fetched by file id. */
  files: BotFile[];
  /** The chat the update came from, for tracking where the bot is and with which rights. */
  chat?: ChatRef;
  /** Why nothing came of the update (ids only, safe to log). */
  reason?: string;
}

/** The update kinds the moderator listens to; everything else maps to no events. */
export const MODERATED_UPDATES = ['message', 'edited_message', 'channel_post', 'edited_channel_post'] as const;

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

const CONTENT_FIELDS = [
  'text',
  'caption',
  'photo',
  'video',
  'animation',
  'audio',
  'voice',
  'video_note',
  'document',
  'sticker',
];

/** Service messages that matter for lineage, named as the export reader names the same actions. */
function serviceAction(message: Raw): { action: string; details: ChannelEvent['details'] } | undefined {
  if (typeof message.new_chat_title === 'string') {
    return { action: 'edit_group_title', details: { title: message.new_chat_title.slice(0, 1024) } };
  }
  if (Array.isArray(message.new_chat_photo)) return { action: 'edit_group_photo', details: {} };
  if (message.delete_chat_photo === true) return { action: 'delete_group_photo', details: {} };
  if (isObject(message.pinned_message) && isId(message.pinned_message.message_id)) {
    return { action: 'pin_message', details: { message_id: message.pinned_message.message_id } };
  }
  if (isId(message.migrate_to_chat_id)) {
    return { action: 'migrate_to_supergroup', details: { migrated_to: bareChatId(message.migrate_to_chat_id) } };
  }
  return undefined;
}

function serviceEvent(message: Raw, chat: ChatRef): LiveEvent | undefined {
  const found = serviceAction(message);
  if (!found || !isId(message.message_id) || !isId(message.date)) return undefined;
  const event: ChannelEvent = {
    platform: 'telegram',
    chatId: chat.id,
    messageId: String(message.message_id),
    action: found.action,
    at: new Date(message.date * 1000).toISOString(),
    details: found.details,
  };
  if (isObject(message.from) && isId(message.from.id)) event.actorId = `user${message.from.id}`;
  return { kind: 'service', event, source: 'bot-api' };
}

function messageEvents(message: Raw, edited: boolean): Omit<BotUpdateEvents, 'updateId'> {
  const chat = isObject(message.chat) ? chatRef(message.chat) : undefined;
  if (!chat) return { events: [], files: [], reason: 'the message has no usable chat' };
  const hasContent = CONTENT_FIELDS.some((field) => message[field] !== undefined);
  if (!hasContent) {
    const service = serviceEvent(message, chat);
    if (service) return { events: [service], files: [], chat };
    const id = isId(message.message_id) ? message.message_id : '?';
    return { events: [], files: [], chat, reason: `message ${id} in chat ${chat.id} has no text or media to scan` };
  }
  const mapped = messageItem(message);
  if ('reason' in mapped) return { events: [], files: [], chat, reason: mapped.reason };
  return { events: [{ kind: 'item', item: mapped.item, edited, source: 'bot-api' }], files: mapped.files, chat };
}

/** Never throws: an update that cannot be mapped gives no events and a reason. */
export function updateEvents(update: unknown): BotUpdateEvents {
  if (!isObject(update)) return { events: [], files: [], reason: 'the update is not a JSON object' };
  const updateId = isId(update.update_id) ? update.update_id : undefined;
  const withId = (out: Omit<BotUpdateEvents, 'updateId'>): BotUpdateEvents =>
    updateId === undefined ? out : { updateId, ...out };
  for (const kind of MODERATED_UPDATES) {
    const message = update[kind];
    if (message === undefined) continue;
    if (!isObject(message)) return withId({ events: [], files: [], reason: `the ${kind} is not a JSON object` });
    try {
      return withId(messageEvents(message, kind.startsWith('edited_')));
    } catch {
      return withId({ events: [], files: [], reason: `the ${kind} could not be read` });
    }
  }
  return withId({ events: [], files: [] });
}
