import { Api } from 'telegram';
import type { ChannelEvent, ChannelMeta } from '../../../core/index.js';
import { clip, put } from '../export/raw-fields.js';
import { chatTypeOf, entityName, usernameOf } from './chat-entity.js';
import type { ChatEntity } from './peer-ids.js';

/**
 * A chat's public face as observed (title, username, about, avatar, member count), and the
 * changes between two observations as channel events. Renames, new usernames and avatar swaps
 * are how a banned channel comes back, so lineage needs each one as an event with a time.
 */

function avatarIdOf(chat: ChatEntity, full: Api.TypeChatFull | undefined): string | undefined {
  const photo = chat.photo;
  if (photo instanceof Api.ChatPhoto || photo instanceof Api.UserProfilePhoto) return String(photo.photoId);
  // A `min` chat may come without its photo; the full chat has it.
  const fullPhoto = full?.chatPhoto;
  return fullPhoto instanceof Api.Photo ? String(fullPhoto.id) : undefined;
}

function memberCountOf(chat: ChatEntity, full: Api.TypeChatFull | undefined): number | undefined {
  if (full instanceof Api.ChannelFull && full.participantsCount !== undefined) return full.participantsCount;
  if (chat instanceof Api.Channel || chat instanceof Api.Chat) return chat.participantsCount ?? undefined;
  return undefined;
}

/** `full` is the `fullChat` of `getFullChannel`/`getFullChat`; without it `about` is unknown (absent). */
export function channelMeta(chat: ChatEntity, full: Api.TypeChatFull | undefined, observedAt: string): ChannelMeta {
  const meta: ChannelMeta = { platform: 'telegram', chatId: String(chat.id), type: chatTypeOf(chat), observedAt };
  put(meta, 'username', clip(usernameOf(chat), 64));
  put(meta, 'title', clip(entityName(chat), 512));
  if (full !== undefined && typeof full.about === 'string') meta.about = clip(full.about, 1024);
  const members = memberCountOf(chat, full);
  if (members !== undefined && Number.isSafeInteger(members) && members >= 0) meta.memberCount = members;
  put(meta, 'avatarId', avatarIdOf(chat, full));
  return meta;
}

type Detail = string | number | boolean | string[];

const sameName = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

function changeEvent(after: ChannelMeta, action: string, pairs: [string, string | undefined][]): ChannelEvent {
  const details: Record<string, Detail> = {};
  for (const [key, value] of pairs) if (value !== undefined) details[key] = clip(value, 1024) as string;
  // One observation may change several things; the store keeps one event per chat and message id.
  const messageId = `meta:${Date.parse(after.observedAt)}:${action}`;
  return { platform: 'telegram', chatId: after.chatId, messageId, action, at: after.observedAt, details };
}

/**
 * What changed from `before` to `after`, as channel events at `after.observedAt`: a new title
 * (`edit_group_title`, the export's name for a rename), a new avatar (`edit_group_photo`), a new
 * or dropped username (`username_changed`; case alone is no change: usernames ignore it) and a
 * new about text (`about_changed`, only when both observations know the about text: it needs the
 * full chat). Nothing for a first observation.
 */
export function metaChanges(before: ChannelMeta | undefined, after: ChannelMeta): ChannelEvent[] {
  if (before === undefined) return [];
  const events: ChannelEvent[] = [];
  if ((before.title ?? '') !== (after.title ?? '')) {
    events.push(
      changeEvent(after, 'edit_group_title', [
        ['title', after.title],
        ['previousTitle', before.title],
      ]),
    );
  }
  if (before.avatarId !== after.avatarId) {
    events.push(
      changeEvent(after, 'edit_group_photo', [
        ['avatarId', after.avatarId],
        ['previousAvatarId', before.avatarId],
      ]),
    );
  }
  if (!sameName(before.username, after.username)) {
    events.push(
      changeEvent(after, 'username_changed', [
        ['username', after.username],
        ['previousUsername', before.username],
      ]),
    );
  }
  if (before.about !== undefined && after.about !== undefined && before.about !== after.about) {
    events.push(
      changeEvent(after, 'about_changed', [
        ['about', after.about],
        ['previousAbout', before.about],
      ]),
    );
  }
  return events;
}
