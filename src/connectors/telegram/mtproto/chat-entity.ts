import { Api } from 'telegram';
import type { ChatRef, ChatType } from '../../../core/index.js';
import { clip, put } from '../export/raw-fields.js';
import type { ChatEntity } from './peer-ids.js';

/**
 * What Telegram Desktop's exporter would write about a chat or user: its type, its display name,
 * its chat reference. The live mapping must agree with the export reader word for word.
 */

/**
 * The exporter's chat type (`public_channel`, `private_supergroup`, `personal_chat`, ...) mapped
 * as `export/chat-type.ts` maps it. A channel that is neither broadcast nor megagroup is named by
 * the exporter by whether it has a username; no such channel exists today, but the rule is kept.
 */
export function chatTypeOf(entity: ChatEntity): ChatType {
  if (entity instanceof Api.Channel) {
    if (entity.broadcast) return 'channel';
    if (entity.megagroup || usernameOf(entity) !== undefined) return 'supergroup';
    return 'group';
  }
  if (entity instanceof Api.Chat) return 'group';
  return entity.bot ? 'bot' : 'private';
}

/** The public username, also for chats whose names are all in `usernames` (collectible names). */
export function usernameOf(entity: ChatEntity): string | undefined {
  if (entity instanceof Api.Chat) return undefined;
  if (entity.username) return entity.username;
  const active = entity.usernames?.find((u) => u instanceof Api.Username && u.active);
  return active?.username || undefined;
}

/** The name the exporter shows: a chat's title, a user's "first last"; undefined when empty (the export writes null). */
export function entityName(entity: ChatEntity | undefined): string | undefined {
  if (entity === undefined) return undefined;
  if (entity instanceof Api.User) {
    const name = [entity.firstName, entity.lastName].filter((part) => part !== undefined && part !== '').join(' ');
    return name === '' ? undefined : name;
  }
  return entity.title === '' ? undefined : entity.title;
}

/**
 * The chat as the export reader names it: id, type and title (the export's `name`). An export
 * carries no username, so neither does this reference; the username lives in ChannelMeta.
 */
export function chatRefOf(entity: ChatEntity): ChatRef {
  const ref: ChatRef = { id: String(entity.id), type: chatTypeOf(entity) };
  put(ref, 'title', clip(entityName(entity), 512));
  return ref;
}

/** Unix seconds as `Date#toISOString` writes them; undefined for what is not a usable date. */
export function isoFromUnix(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
