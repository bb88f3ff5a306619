import { type ChatRef, type ItemInput, itemSchema, type SourceRecord } from '../../../core/index.js';
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

function toItemInput(message: RawObject, id: string, chat: ChatRef, media: MediaResult['media']): ItemInput {
  const { text, entities } = readText(message);
  const input: ItemInput = {
    platform: 'telegram',
    chat,
    messageId: id,
    version: editVersion(message),
    postedAt: postedAt(message) as string,
    text,
    entities,
    media,
  };
  put(input, 'author', authorOf(message));
  put(input, 'forward', forwardOf(message));
  put(input, 'replyTo', idString(message.reply_to_message_id));
  put(input, 'viaBot', clip(str(message.via_bot), 128));
  return input;
}

function itemRecords(
  message: RawObject,
  id: string,
  record: string,
  chat: ChatRef,
  found: MediaResult,
): SourceRecord[] {
  const out: SourceRecord[] = [];
  const parsed = itemSchema.safeParse(toItemInput(message, id, chat, found.media));
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

const NO_MEDIA: MediaResult = { media: [], escapes: [] };

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
 * Only a message naming files waits on the disk; the rest return at once, sparing a promise
 * per message on the hot path.
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
  if (!hasMedia(message)) return itemRecords(message, id, record, chat, NO_MEDIA);
  return readMedia(message, ctx.media).then((found) => itemRecords(message, id, record, chat, found));
}
