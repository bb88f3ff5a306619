import { type ChatRef, type Item, type ItemInput, itemSchema, type SourceRecord } from '../../../core/index.js';
import { editVersion, postedAt } from './dates.js';
import { hasMedia, type MediaResult, readMedia } from './media.js';
import type { MediaRoot } from './media-path.js';
import { clip, idString, isObject, put, type RawObject, str } from './raw-fields.js';
import { recordError, recordRef } from './record-ref.js';
import { toChannelEvent } from './service.js';
import { readText } from './text.js';

export interface MessageContext {
  /** The result.json path, for record references. */
  file: string;
  /** The chat the message belongs to; undefined when the export gave no id before its messages. */
  chat: ChatRef | undefined;
  media: MediaRoot;
}

function authorOf(message: RawObject): ItemInput['author'] {
  const id = clip(idString(message.from_id), 128);
  // A channel post has no `from` when signatures are off; `author` is then the signature.
  const name = clip(str(message.from) ?? str(message.author), 512);
  if (id === undefined && name === undefined) return undefined;
  const author: NonNullable<ItemInput['author']> = {};
  put(author, 'id', id);
  put(author, 'name', name);
  return author;
}

function forwardOf(message: RawObject): ItemInput['forward'] {
  const forward: NonNullable<ItemInput['forward']> = {};
  if ('forwarded_from' in message || 'forwarded_from_id' in message) {
    put(forward, 'fromName', clip(str(message.forwarded_from), 512));
    put(forward, 'fromId', clip(idString(message.forwarded_from_id), 128));
    return forward;
  }
  if (!('saved_from' in message)) return undefined;
  put(forward, 'fromName', clip(str(message.saved_from), 512));
  return forward;
}

/**
 * The message as an item, every default filled and every display string clipped to its limit,
 * with the keys in the schema's order (so stored documents come out as a parse would give them).
 * `postedAt` may still be missing: `fitsItemSchema` checks it. Unlike a parse, the chat is not
 * copied: the items of a chat share its one (never changed) object.
 */
function toItemInput(message: RawObject, id: string, chat: ChatRef, media: MediaResult['media']): ItemInput {
  const { text, entities } = readText(message);
  const input = { platform: 'telegram', chat, messageId: id, version: editVersion(message) } as ItemInput;
  put(input, 'author', authorOf(message));
  input.postedAt = postedAt(message) as string;
  input.text = text;
  input.entities = entities;
  input.media = media;
  put(input, 'forward', forwardOf(message));
  put(input, 'replyTo', idString(message.reply_to_message_id));
  put(input, 'viaBot', clip(str(message.via_bot), 128));
  return input;
}

/** `YYYY-MM-DDTHH:MM:SS.000Z`, as `postedAt()` writes it for a four-digit year (longer years do not fit the schema). */
const POSTED_AT_LENGTH = 24;

/**
 * What the mapping above does not guarantee by construction, checked by hand: running
 * `itemSchema` on every message was a fifth of the time spent reading an export. An input that
 * fails here goes through `itemSchema` after all, whose error names the field (or which takes
 * it, should this ever be stricter than the schema). A test holds the two together.
 */
function fitsItemSchema(input: ItemInput): input is Item {
  const { chat, messageId, version, postedAt, text, entities, media, replyTo } = input;
  if (chat.id === '' || chat.id.length > 128 || (chat.title?.length ?? 0) > 512 || (chat.username?.length ?? 0) > 64)
    return false;
  if (messageId.length > 64 || (replyTo !== undefined && replyTo.length > 64)) return false;
  if (version === undefined || !Number.isSafeInteger(version) || version < 0) return false;
  if (typeof postedAt !== 'string' || postedAt.length !== POSTED_AT_LENGTH) return false;
  if (text === undefined || text.length > 1_000_000 || entities === undefined || media === undefined) return false;
  if (entities.length > 10_000 || media.length > 100) return false;
  // Mention-by-name targets are built from a user id of any length; the rest are clipped.
  for (const entity of entities) if (entity.url !== undefined && entity.url.length > 8192) return false;
  for (const ref of media) if (ref.note !== undefined && ref.note.length > 1024) return false;
  return true;
}

function itemRecords(
  message: RawObject,
  id: string,
  record: string,
  chat: ChatRef,
  found: MediaResult,
): SourceRecord[] {
  const out: SourceRecord[] = [];
  const input = toItemInput(message, id, chat, found.media);
  const parsed = fitsItemSchema(input) ? { success: true as const, data: input } : itemSchema.safeParse(input);
  if (parsed.success) {
    out.push({ type: 'item', item: parsed.data, record });
  } else {
    const issue = parsed.error.issues[0];
    const at = issue?.path.map(String).join('.') || '(message)';
    out.push(
      recordError(
        record,
        'RECORD_INVALID',
        `message ${record} does not fit Rasd's item format at "${at}" (${issue?.message ?? 'invalid'}); it was skipped and the rest of the export is read. Check that this message is intact in result.json`,
      ),
    );
  }
  for (const sentence of found.escapes)
    out.push(recordError(record, 'MEDIA_PATH_ESCAPE', `message ${record}: ${sentence}`));
  return out;
}

/** Each item gets its own (empty) lists: items are handed on, and must not share what could be changed. */
const noMedia = (): MediaResult => ({ media: [], escapes: [] });

function eventRecords(message: RawObject, id: string, record: string, chat: ChatRef): SourceRecord[] {
  const event = toChannelEvent(message, chat.id, id);
  if (event) return [{ type: 'channel-event', event, record }];
  return [
    recordError(
      record,
      'RECORD_INVALID',
      `service message ${record} has no usable "date_unixtime" or "date"; it was skipped and the rest of the export is read`,
    ),
  ];
}

/**
 * One exported message as records: an item or a channel event, plus any errors about it.
 * Only a message naming files to look up waits on the disk; the rest return at once, sparing a
 * promise per message on the hot path.
 */
export function messageRecords(
  raw: unknown,
  index: number,
  ctx: MessageContext,
): SourceRecord[] | Promise<SourceRecord[]> {
  const message = isObject(raw) ? raw : undefined;
  const id = message ? idString(message.id) : undefined;
  const record = recordRef(ctx.file, ctx.chat?.id, index, id);
  if (ctx.chat === undefined) {
    return [
      recordError(
        record,
        'CHAT_ID_MISSING',
        `message ${record} belongs to a chat whose "id" is missing or comes after its messages, so it cannot be attributed and was skipped; export the chat again with Telegram Desktop`,
      ),
    ];
  }
  if (message === undefined) {
    return [
      recordError(
        record,
        'RECORD_INVALID',
        `message ${record} is not a JSON object; it was skipped and the rest of the export is read`,
      ),
    ];
  }
  if (id === undefined) {
    return [
      recordError(
        record,
        'RECORD_ID_MISSING',
        `message ${record} has no "id", so it cannot be told apart from other messages and was skipped; the rest of the export is read`,
      ),
    ];
  }
  if (message.type === 'service') return eventRecords(message, id, record, ctx.chat);
  const chat = ctx.chat;
  if (!hasMedia(message)) return itemRecords(message, id, record, chat, noMedia());
  const found = readMedia(message, ctx.media);
  if (!(found instanceof Promise)) return itemRecords(message, id, record, chat, found);
  return found.then((media) => itemRecords(message, id, record, chat, media));
}
