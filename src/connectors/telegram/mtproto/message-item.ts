import { Api } from 'telegram';
import { type ChatRef, type ItemInput, itemSchema, type MediaRef } from '../../../core/index.js';
import { clip, put } from '../export/raw-fields.js';
import type { LiveEvent } from '../live-event.js';
import { chatRefOf, entityName, isoFromUnix } from './chat-entity.js';
import { describeMedia } from './message-media.js';
import { messageText } from './message-text.js';
import { type ChatEntity, isPeerOf, type PeerLookup, peerAuthorId, peerChatId } from './peer-ids.js';
import { serviceEvent } from './service-event.js';

/**
 * A GramJS message as a Rasd item, equal to what the export reader yields for the same message
 * (`export-parity.test.ts` holds the two together): the chat as id, type and title; the version
 * is the edit time; the author is the sender as `user123`/`channel123` with its display name
 * (for a channel post, the channel; the post's signature only when no name is known); forwards
 * carry the origin's name and id; `viaBot` is the bot's `@username`. View counts are left out:
 * the export has none, and they change without the message changing.
 *
 * Names of senders, forward origins and bots come from `options.peers` (see `peerLookupOf`),
 * then the chat itself, then the entities GramJS attached to the message.
 * Media: refs with `status: 'remote'` (see `message-media.ts`) unless the caller passes the refs
 * of what it downloaded in `options.media`, which then replace them.
 */

export type { MappedMedia } from './message-media.js';
export type { ChatEntity } from './peer-ids.js';

export interface MessageItemOptions {
  /** The message's media as downloaded (status `present`, path in the monitor's media folder). */
  media?: MediaRef[];
  /** Entities for the sender, forward origin and bot. */
  peers?: PeerLookup;
}

/** GramJS keys `_entities` by "marked" ids: users as is, basic groups negated, channels with -100. */
function markedId(peer: Api.TypePeer): string {
  if (peer instanceof Api.PeerChannel) return `-100${String(peer.channelId)}`;
  if (peer instanceof Api.PeerChat) return `-${String(peer.chatId)}`;
  return peerChatId(peer);
}

function lookupFor(
  message: Api.Message | Api.MessageService,
  chat: ChatEntity | undefined,
  peers?: PeerLookup,
): PeerLookup {
  const attached = (message as { _entities?: Map<string, unknown> })._entities;
  return (peer) => {
    const found = peers?.(peer);
    if (found && isPeerOf(peer, found)) return found;
    if (chat && isPeerOf(peer, chat)) return chat;
    const entity = attached instanceof Map ? attached.get(markedId(peer)) : undefined;
    const known = entity as ChatEntity | undefined;
    return known && isPeerOf(peer, known) ? known : undefined;
  };
}

function authorOf(message: Api.Message, peers: PeerLookup): ItemInput['author'] {
  // The exporter names a message without a sender (a channel post) after the chat it is in.
  const peer = message.fromId ?? message.peerId;
  const author: NonNullable<ItemInput['author']> = {};
  if (peer) put(author, 'id', clip(peerAuthorId(peer) || undefined, 128));
  const name = (peer && entityName(peers(peer))) ?? (message.postAuthor || undefined);
  put(author, 'name', clip(name, 512));
  return author.id === undefined && author.name === undefined ? undefined : author;
}

/** The exporter writes an origin with an id by its current name, else the name in the header, else where it was saved from. */
function forwardOf(message: Api.Message, peers: PeerLookup): ItemInput['forward'] {
  const header = message.fwdFrom;
  if (!(header instanceof Api.MessageFwdHeader)) return undefined;
  const forward: NonNullable<ItemInput['forward']> = {};
  if (header.fromId) {
    put(forward, 'fromName', clip(entityName(peers(header.fromId)), 512));
    put(forward, 'fromId', clip(peerAuthorId(header.fromId), 128));
    return forward;
  }
  if (header.fromName) {
    forward.fromName = clip(header.fromName, 512) as string;
    return forward;
  }
  if (!header.savedFromPeer) return undefined;
  put(forward, 'fromName', clip(entityName(peers(header.savedFromPeer)), 512));
  return forward;
}

function viaBotOf(message: Api.Message, peers: PeerLookup): string | undefined {
  if (message.viaBotId === undefined || message.viaBotId === null) return undefined;
  const bot = peers(new Api.PeerUser({ userId: message.viaBotId }));
  const username = bot instanceof Api.User ? bot.username : undefined;
  return username ? clip(`@${username}`, 128) : undefined;
}

function replyToOf(message: Api.Message): string | undefined {
  const reply = message.replyTo;
  if (!(reply instanceof Api.MessageReplyHeader) || reply.replyToMsgId === undefined) return undefined;
  return String(reply.replyToMsgId);
}

function toItem(message: Api.Message, chat: ChatRef, peers: PeerLookup, media: MediaRef[] | undefined): ItemInput {
  const { text, entities } = messageText(message);
  const item = {
    platform: 'telegram',
    chat,
    messageId: String(message.id),
    version: message.editDate ?? 0,
  } as ItemInput;
  put(item, 'author', authorOf(message, peers));
  item.postedAt = isoFromUnix(message.date) as string;
  item.text = text;
  item.entities = entities;
  item.media = media ?? describeMedia(message).map((m) => m.ref);
  put(item, 'forward', forwardOf(message, peers));
  put(item, 'replyTo', replyToOf(message));
  put(item, 'viaBot', viaBotOf(message, peers));
  return item;
}

/** The message as an item of `chat` (the chat it was posted in). */
export function messageToItem(message: Api.Message, chat: ChatEntity, options: MessageItemOptions = {}): ItemInput {
  return toItem(message, chatRefOf(chat), lookupFor(message, chat, options.peers), options.media);
}

export interface MessageEventOptions extends MessageItemOptions {
  /** The message came in an edit update: an item with an edit time is then a new version. */
  edited?: boolean;
  /** Told of a message that fails the item schema (ids and the failing field only), so it leaves a trace. */
  onRejected?: (rejected: RejectedMessage) => void;
}

export interface RejectedMessage {
  chatId: string;
  messageId: number;
  /** The first failing field, as a dotted path (`author.name`). */
  path: string;
  issues: number;
}

/**
 * A message as live events: an item (a new message, or an edit with `editDate` as its version),
 * a service event, or nothing for an empty message or one that cannot be an item (no usable
 * date; Telegram always sends one; `onRejected` hears of it). A message of a chat not known is still an item, its chat
 * named by id only.
 */
export function messageToEvents(
  message: Api.TypeMessage,
  chat: ChatEntity | undefined,
  options: MessageEventOptions = {},
): LiveEvent[] {
  if (message instanceof Api.MessageService) {
    const event = serviceEvent(message, lookupFor(message, chat, options.peers));
    return event ? [{ kind: 'service', event, source: 'mtproto' }] : [];
  }
  if (!(message instanceof Api.Message) || !message.peerId) return [];
  const ref = chat ? chatRefOf(chat) : { id: peerChatId(message.peerId) };
  const parsed = itemSchema.safeParse(toItem(message, ref, lookupFor(message, chat, options.peers), options.media));
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
    options.onRejected?.({ chatId: ref.id, messageId: message.id, path, issues: parsed.error.issues.length });
    return [];
  }
  // An edit update also comes for new reactions or view counts; only an edit time makes it a new version.
  const edited = options.edited === true && message.editDate !== undefined;
  return [{ kind: 'item', item: parsed.data, edited, source: 'mtproto' }];
}
