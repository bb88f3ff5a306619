import type { Entity, EntityType } from '../../../core/index.js';
import { clip, isObject, type RawObject, str } from './raw-fields.js';

/**
 * Message text and the entities that matter for finding content: links (above all hidden
 * `text_link` targets, a common way to pass on a banned channel), mentions, hashtags, bot
 * commands and button links. Formatting (bold, code, spoilers, custom emoji) carries no target
 * and produces no entity.
 */

const ENTITY_TYPES: Readonly<Record<string, EntityType>> = {
  link: 'url',
  text_link: 'text-link',
  mention: 'mention',
  mention_name: 'mention-name',
  hashtag: 'hashtag',
  cashtag: 'cashtag',
  bot_command: 'bot-command',
  email: 'email',
  phone: 'phone',
};

/** Buttons whose `data` is a link the user is sent to (the rest carry opaque callback bytes). */
const URL_BUTTONS = new Set(['url', 'auth', 'url_auth', 'web_view', 'simple_web_view']);

const MAX_ENTITY_TEXT = 4096;
const MAX_URL = 8192;
const MAX_ENTITIES = 10_000;

export interface TextContent {
  text: string;
  entities: Entity[];
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  return isObject(part) ? (str(part.text) ?? '') : '';
}

function textOf(message: RawObject): string {
  const { text, text_entities: parts } = message;
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.map(partText).join('');
  return Array.isArray(parts) ? parts.map(partText).join('') : '';
}

function toEntity(part: unknown): Entity | undefined {
  if (!isObject(part) || typeof part.type !== 'string' || !Object.hasOwn(ENTITY_TYPES, part.type)) return undefined;
  const type = ENTITY_TYPES[part.type] as EntityType;
  const text = clip(str(part.text) ?? '', MAX_ENTITY_TEXT) as string;
  if (type === 'url') return { type, text, url: clip(text, MAX_URL) as string };
  if (type === 'text-link') {
    const href = str(part.href);
    return href === undefined ? { type, text } : { type, text, url: clip(href, MAX_URL) as string };
  }
  // A mention by name links to a user who may have no username: keep the hidden user id.
  if (type === 'mention-name' && (typeof part.user_id === 'number' || typeof part.user_id === 'string')) {
    return { type, text, url: `tg://user?id=${String(part.user_id)}` };
  }
  return { type, text };
}

function buttonUrl(button: RawObject): string | undefined {
  const declared = str(button.url) ?? str(button.href);
  if (declared !== undefined) return declared;
  return typeof button.type === 'string' && URL_BUTTONS.has(button.type) ? str(button.data) : undefined;
}

function buttonEntities(rows: unknown): Entity[] {
  if (!Array.isArray(rows)) return [];
  const out: Entity[] = [];
  for (const row of rows) {
    for (const button of Array.isArray(row) ? row : [row]) {
      if (!isObject(button)) continue;
      const url = buttonUrl(button);
      if (url === undefined || url === '') continue;
      const text = clip(str(button.text) ?? '', MAX_ENTITY_TEXT) as string;
      out.push({ type: 'button-url', text, url: clip(url, MAX_URL) as string });
    }
  }
  return out;
}

/** `text_entities` is preferred when present (newer exports); else the array form of `text`. */
export function readText(message: RawObject): TextContent {
  const { text, text_entities: parts } = message;
  const source = Array.isArray(parts) ? parts : Array.isArray(text) ? text : [];
  const entities: Entity[] = [];
  for (const part of source) {
    const entity = toEntity(part);
    if (entity) entities.push(entity);
  }
  entities.push(...buttonEntities(message.inline_bot_buttons));
  return { text: textOf(message), entities: entities.slice(0, MAX_ENTITIES) };
}
