import { Api } from 'telegram';
import type { LiveEvent } from '../live-event.js';
import { channelMeta } from './channel-meta.js';
import { messageToEvents } from './message-item.js';
import { type ChatEntity, isPeerOf, type PeerLookup, peerChatId } from './peer-ids.js';

/**
 * One MTProto update as live events. New and edited messages become items (an edit with its edit
 * time as version), service messages channel events, deletions `deleted` events, and a changed
 * channel its metadata. Anything else (typing, read receipts, reactions alone, ...) is not
 * content and gives no event; an update class this does not know never throws.
 *
 * Deletions outside channels: MTProto's `updateDeleteMessages` names only message ids, because
 * in private chats and basic groups ids are numbered per account, not per chat. The event then
 * has `chatId: ''`; Rasd keys items by chat and cannot place it, so the monitor does not deliver
 * it and only counts it in its log (`telegram.deletion.unattributed`). Deletions in basic groups
 * and private chats are therefore not recorded; channels and supergroups are.
 */

/** Finds a chat by its bare id; undefined when the monitor does not know it. */
export type ChatLookup = (bareChatId: string) => ChatEntity | undefined;

const SOURCE = 'mtproto' as const;

/** A peer lookup over the chat lookup, safe against a user and a channel sharing a bare id. */
function peersFrom(chats: ChatLookup, peers: PeerLookup | undefined): PeerLookup {
  return (peer) => {
    const found = peers?.(peer) ?? chats(peerChatId(peer));
    return found && isPeerOf(peer, found) ? found : undefined;
  };
}

function chatOf(message: Api.TypeMessage, peers: PeerLookup): ChatEntity | undefined {
  return message instanceof Api.MessageEmpty || !message.peerId ? undefined : peers(message.peerId);
}

function messageEvents(message: Api.TypeMessage, peers: PeerLookup, edited: boolean): LiveEvent[] {
  return messageToEvents(message, chatOf(message, peers), { peers, edited });
}

const ids = (messages: readonly number[] | undefined): string[] => (messages ?? []).map(String);

/**
 * `peers` (optional) names senders and forward origins from the `users` and `chats` of the
 * update batch (see `peerLookupOf`); without it only the chats of `chats` are known.
 */
export function updateToEvents(
  update: Api.TypeUpdate,
  chats: ChatLookup,
  observedAt: string,
  peers?: PeerLookup,
): LiveEvent[] {
  const lookup = peersFrom(chats, peers);
  if (update instanceof Api.UpdateNewChannelMessage || update instanceof Api.UpdateNewMessage) {
    return messageEvents(update.message, lookup, false);
  }
  if (update instanceof Api.UpdateEditChannelMessage || update instanceof Api.UpdateEditMessage) {
    return messageEvents(update.message, lookup, true);
  }
  if (update instanceof Api.UpdateDeleteChannelMessages) {
    const chatId = String(update.channelId);
    return [{ kind: 'deleted', chatId, messageIds: ids(update.messages), observedAt, source: SOURCE }];
  }
  if (update instanceof Api.UpdateDeleteMessages) {
    return [{ kind: 'deleted', chatId: '', messageIds: ids(update.messages), observedAt, source: SOURCE }];
  }
  if (update instanceof Api.UpdateChannel) {
    const chat = lookup(new Api.PeerChannel({ channelId: update.channelId }));
    return chat ? [{ kind: 'channel', meta: channelMeta(chat, undefined, observedAt), source: SOURCE }] : [];
  }
  return [];
}
