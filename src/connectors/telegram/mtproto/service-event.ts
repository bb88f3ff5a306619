import { Api } from 'telegram';
import type { ChannelEvent } from '../../../core/index.js';
import { clip, put } from '../export/raw-fields.js';
import { entityName, isoFromUnix } from './chat-entity.js';
import { type PeerLookup, peerAuthorId, peerChatId } from './peer-ids.js';

/**
 * A service message (renamed, photo changed, pinned, members joined, migrated) as the channel
 * event the export reader makes of the same message: the exporter's action names
 * (`edit_group_title`, `pin_message`, `migrate_from_group`, ...) and the facts it writes with
 * them become `details`, and the actor is the sender (the channel itself for a channel). One
 * difference is deliberate: `edit_group_photo` carries the photo's width and height but no
 * `photo` path, since a live photo is not a file in an export folder. Actions the exporter does
 * not name read as `unknown`, as the export reader reads them.
 */

type Details = ChannelEvent['details'];
type Names = (userIds: readonly unknown[]) => string[];

function photoDetails(photo: Api.TypePhoto): Details {
  if (!(photo instanceof Api.Photo)) return {};
  let best: { w: number; h: number } | undefined;
  for (const size of photo.sizes ?? []) {
    if (
      !(
        size instanceof Api.PhotoSize ||
        size instanceof Api.PhotoCachedSize ||
        size instanceof Api.PhotoSizeProgressive
      )
    )
      continue;
    if (size.w * size.h > (best ? best.w * best.h : 0)) best = { w: size.w, h: size.h };
  }
  return best && best.w > 0 && best.h > 0 ? { width: best.w, height: best.h } : {};
}

const title = (value: string): Details => ({ title: clip(value, 1024) as string });

/** The exporter's name for an action and the facts it writes with it; undefined for one it does not name. */
function actionFacts(action: Api.TypeMessageAction, names: Names): [string, Details] | undefined {
  if (action instanceof Api.MessageActionChatCreate)
    return ['create_group', { ...title(action.title), members: names(action.users) }];
  if (action instanceof Api.MessageActionChatEditTitle) return ['edit_group_title', title(action.title)];
  if (action instanceof Api.MessageActionChatEditPhoto) return ['edit_group_photo', photoDetails(action.photo)];
  if (action instanceof Api.MessageActionChatDeletePhoto) return ['delete_group_photo', {}];
  if (action instanceof Api.MessageActionChatAddUser) return ['invite_members', { members: names(action.users) }];
  if (action instanceof Api.MessageActionChatDeleteUser) return ['remove_members', { members: names([action.userId]) }];
  if (action instanceof Api.MessageActionChannelCreate) return ['create_channel', title(action.title)];
  if (action instanceof Api.MessageActionChatMigrateTo) return ['migrate_to_supergroup', {}];
  if (action instanceof Api.MessageActionChannelMigrateFrom) return ['migrate_from_group', title(action.title)];
  if (action instanceof Api.MessageActionHistoryClear) return ['clear_history', {}];
  if (action instanceof Api.MessageActionChatJoinedByRequest) return ['join_group_by_request', {}];
  if (action instanceof Api.MessageActionTopicCreate) return ['topic_created', title(action.title)];
  if (action instanceof Api.MessageActionSetMessagesTTL) return ['set_messages_ttl', { period: action.period }];
  // The exporter writes a custom action's text without naming an action.
  if (action instanceof Api.MessageActionCustomAction)
    return ['unknown', { information_text: clip(action.message, 1024) as string }];
  return undefined;
}

/** Facts that need the message around the action (the pinned message id) or the peers (the inviter). */
function contextFacts(message: Api.MessageService, names: Names): [string, Details] | undefined {
  const action = message.action;
  if (action instanceof Api.MessageActionPinMessage) {
    const reply = message.replyTo;
    const id = reply instanceof Api.MessageReplyHeader ? reply.replyToMsgId : undefined;
    return ['pin_message', id === undefined ? {} : { message_id: id }];
  }
  if (action instanceof Api.MessageActionChatJoinedByLink) {
    const [inviter] = names([action.inviterId]);
    return ['join_group_by_link', inviter === undefined ? {} : { inviter }];
  }
  return undefined;
}

/**
 * The channel event for a service message, or undefined when it has no usable date (the export
 * reader reports those; Telegram always sends one). `peers` names the actor and listed members.
 */
export function serviceEvent(message: Api.MessageService, peers: PeerLookup): ChannelEvent | undefined {
  const at = isoFromUnix(message.date);
  if (at === undefined || !message.peerId) return undefined;
  const names: Names = (userIds) =>
    userIds.flatMap((id) => {
      const name = entityName(peers(new Api.PeerUser({ userId: id as Api.long })));
      return name === undefined ? [] : [clip(name, 512) as string];
    });
  const [action, details] = contextFacts(message, names) ?? actionFacts(message.action, names) ?? ['unknown', {}];
  const event: ChannelEvent = {
    platform: 'telegram',
    chatId: peerChatId(message.peerId),
    messageId: String(message.id),
    action,
    at,
    details,
  };
  // A channel's own service messages have no sender: the exporter names the channel as the actor.
  const actor = message.fromId ?? message.peerId;
  put(event, 'actor', clip(entityName(peers(actor)), 512));
  put(event, 'actorId', clip(peerAuthorId(actor), 128));
  return event;
}
