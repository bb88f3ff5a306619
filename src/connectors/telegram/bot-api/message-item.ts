import { type ChatRef, type ChatType, type Item, type ItemInput, itemSchema } from '../../../core/index.js';
import { bareChatId } from '../telegram-ids.js';
import { type BotFile, messageMedia } from './message-media.js';
import { messageText } from './message-text.js';

/**
 * A Bot API Message as a Rasd Item, written the way the export reader writes the same message,
 * so an item is the same whichever way Rasd saw it: bare chat ids, authors as `user<id>` /
 * `channel<id>`, edits numbered by their edit time, hidden links and buttons as entities.
 *
 * Differences from exports, because the Bot API says more or less than an export does:
 * - `forward` also carries `messageId` and `date` when Telegram gives them (exports have neither);
 * - media are `remote` refs (no path) with file ids beside the item, not files in a folder.
 */

type Raw = Record<string, unknown>;

export type MessageItemResult = { item: Item; files: BotFile[] } | { reason: string };

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const clip = (value: string | undefined, max: number): string | undefined =>
  value !== undefined && value.length > max ? value.slice(0, max) : value;

const CHAT_TYPES: Readonly<Record<string, ChatType>> = {
  channel: 'channel',
  supergroup: 'supergroup',
  group: 'group',
  private: 'private',
};

function isoDate(unix: unknown): string | undefined {
  if (!isId(unix) || unix < 0) return undefined;
  const date = new Date(unix * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function fullName(user: Raw): string | undefined {
  const name = [str(user.first_name), str(user.last_name)].filter(Boolean).join(' ');
  return clip(name === '' ? undefined : name, 512);
}

/** How exports name a sender: `user<id>`, `channel<bare id>` (channels and supergroups), `chat<id>` (basic groups). */
function peerId(chat: Raw): string | undefined {
  if (!isId(chat.id)) return undefined;
  return `${chat.type === 'group' ? 'chat' : 'channel'}${bareChatId(chat.id)}`;
}

function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function chatRef(chat: Raw): ChatRef | undefined {
  if (!isId(chat.id)) return undefined;
  const title = chat.type === 'private' ? fullName(chat) : clip(str(chat.title), 512);
  return withDefined({
    id: bareChatId(chat.id),
    username: clip(str(chat.username), 64),
    title,
    type: (typeof chat.type === 'string' && CHAT_TYPES[chat.type]) || 'unknown',
  });
}

/** Anonymous posters (a channel, an anonymous group admin) are their `sender_chat`, as exports write them. */
function authorOf(message: Raw, chat: Raw): ItemInput['author'] {
  const sender = isObject(message.sender_chat) ? message.sender_chat : chat.type === 'channel' ? chat : undefined;
  if (sender) return withDefined({ id: peerId(sender), name: clip(str(sender.title), 512) });
  if (!isObject(message.from) || !isId(message.from.id)) return undefined;
  return withDefined({ id: `user${message.from.id}`, name: fullName(message.from) });
}

function originForward(origin: Raw): ItemInput['forward'] {
  const date = isoDate(origin.date);
  const user = isObject(origin.sender_user) ? origin.sender_user : undefined;
  const chat = isObject(origin.chat) ? origin.chat : isObject(origin.sender_chat) ? origin.sender_chat : undefined;
  const messageId = isId(origin.message_id) ? String(origin.message_id) : undefined;
  if (origin.type === 'user' && user) {
    return withDefined({ fromName: fullName(user), fromId: isId(user.id) ? `user${user.id}` : undefined, date });
  }
  if (origin.type === 'hidden_user') return withDefined({ fromName: clip(str(origin.sender_user_name), 512), date });
  if (chat) return withDefined({ fromName: clip(str(chat.title), 512), fromId: peerId(chat), messageId, date });
  return withDefined({ date });
}

/** `forward_origin` since Bot API 7.0; the older `forward_from*` fields when only those are sent. */
function forwardOf(message: Raw): ItemInput['forward'] {
  if (isObject(message.forward_origin)) return originForward(message.forward_origin);
  const date = isoDate(message.forward_date);
  if (isObject(message.forward_from_chat)) {
    const chat = message.forward_from_chat;
    const messageId = isId(message.forward_from_message_id) ? String(message.forward_from_message_id) : undefined;
    return withDefined({ fromName: clip(str(chat.title), 512), fromId: peerId(chat), messageId, date });
  }
  if (isObject(message.forward_from)) {
    const from = message.forward_from;
    return withDefined({ fromName: fullName(from), fromId: isId(from.id) ? `user${from.id}` : undefined, date });
  }
  if (typeof message.forward_sender_name === 'string') {
    return withDefined({ fromName: clip(message.forward_sender_name, 512), date });
  }
  return undefined;
}

function viaBotOf(message: Raw): string | undefined {
  if (!isObject(message.via_bot)) return undefined;
  const username = str(message.via_bot.username);
  return username === undefined ? undefined : clip(`@${username}`, 128);
}

/**
 * One message as an item (version = `edit_date`, else 0) plus the files to fetch for its media.
 * Never throws: a message that cannot be an item gives a reason naming ids only.
 */
export function messageItem(message: unknown): MessageItemResult {
  if (!isObject(message) || !isObject(message.chat)) return { reason: 'the message has no chat' };
  const chat = chatRef(message.chat);
  if (!chat) return { reason: 'the message has no usable chat id' };
  if (!isId(message.message_id)) return { reason: `a message in chat ${chat.id} has no usable message_id` };
  const where = `message ${message.message_id} in chat ${chat.id}`;
  const postedAt = isoDate(message.date);
  if (postedAt === undefined) return { reason: `${where} has no usable date` };
  const { text, entities } = messageText(message);
  const { media, files } = messageMedia(message);
  const reply = isObject(message.reply_to_message) ? message.reply_to_message.message_id : undefined;
  const input: ItemInput = withDefined({
    platform: 'telegram',
    chat,
    messageId: String(message.message_id),
    version: isId(message.edit_date) && message.edit_date > 0 ? message.edit_date : 0,
    author: authorOf(message, message.chat),
    postedAt,
    text,
    entities,
    media,
    forward: forwardOf(message),
    replyTo: isId(reply) ? String(reply) : undefined,
    viaBot: viaBotOf(message),
  });
  const parsed = itemSchema.safeParse(input);
  if (parsed.success) return { item: parsed.data, files };
  const at = parsed.error.issues[0]?.path.map(String).join('.') || '(message)';
  return { reason: `${where} does not fit Rasd's item format at "${at}"` };
}
