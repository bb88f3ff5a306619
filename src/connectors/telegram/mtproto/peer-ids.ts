import { Api } from 'telegram';

/**
 * How MTProto names chats and senders, in the forms the export reader writes: chats by their bare
 * id (no `-100`, see `../telegram-ids.ts`), senders as `user123` / `channel123` / `chat123` (the
 * export's `from_id`). Both sides must spell an id the same way, or one message read from an
 * export and seen live would be two items.
 */

/** A chat or user as GramJS hands it over with messages and updates. */
export type ChatEntity = Api.Channel | Api.Chat | Api.User;

/** Finds the entity behind a peer (a sender, a forward origin, a bot); undefined when not known. */
export type PeerLookup = (peer: Api.TypePeer) => ChatEntity | undefined;

/** The bare id of the chat a peer names. */
export function peerChatId(peer: Api.TypePeer): string {
  if (peer instanceof Api.PeerChannel) return String(peer.channelId);
  if (peer instanceof Api.PeerChat) return String(peer.chatId);
  if (peer instanceof Api.PeerUser) return String(peer.userId);
  return '';
}

/** The sender id as the export's `from_id` spells it. */
export function peerAuthorId(peer: Api.TypePeer): string {
  if (peer instanceof Api.PeerChannel) return `channel${String(peer.channelId)}`;
  if (peer instanceof Api.PeerChat) return `chat${String(peer.chatId)}`;
  if (peer instanceof Api.PeerUser) return `user${String(peer.userId)}`;
  return '';
}

/** Whether `entity` is the one `peer` names: ids of users, basic groups and channels overlap. */
export function isPeerOf(peer: Api.TypePeer, entity: ChatEntity): boolean {
  if (peer instanceof Api.PeerChannel)
    return entity instanceof Api.Channel && String(entity.id) === String(peer.channelId);
  if (peer instanceof Api.PeerChat) return entity instanceof Api.Chat && String(entity.id) === String(peer.chatId);
  if (peer instanceof Api.PeerUser) return entity instanceof Api.User && String(entity.id) === String(peer.userId);
  return false;
}

/** The peer that names an entity. */
export function peerOfEntity(entity: ChatEntity): Api.TypePeer {
  if (entity instanceof Api.Channel) return new Api.PeerChannel({ channelId: entity.id });
  if (entity instanceof Api.Chat) return new Api.PeerChat({ chatId: entity.id });
  return new Api.PeerUser({ userId: entity.id });
}

const keyOf = (peer: Api.TypePeer): string => peerAuthorId(peer);

function entityKey(entity: Api.TypeUser | Api.TypeChat): string | undefined {
  if (entity instanceof Api.User) return `user${String(entity.id)}`;
  if (entity instanceof Api.Chat) return `chat${String(entity.id)}`;
  if (entity instanceof Api.Channel) return `channel${String(entity.id)}`;
  // Empty, forbidden and min-less entities carry no name worth showing.
  return undefined;
}

/**
 * A lookup over the `users` and `chats` lists that MTProto sends with every batch of updates and
 * messages: the names of senders and forward origins are only there.
 */
export function peerLookupOf(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): PeerLookup {
  const byKey = new Map<string, ChatEntity>();
  for (const entity of [...users, ...chats]) {
    const key = entityKey(entity);
    if (key !== undefined) byKey.set(key, entity as ChatEntity);
  }
  return (peer) => byKey.get(keyOf(peer));
}
