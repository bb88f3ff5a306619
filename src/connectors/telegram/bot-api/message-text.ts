import type { Entity, EntityType } from '../../../core/index.js';

/**
 * Text entities of a Bot API message in Rasd's entity types, the same set the export reader
 * keeps (links, above all hidden `text_link` targets, mentions, hashtags, commands, buttons).
 * Formatting entities carry no target and produce none.
 */

const ENTITY_TYPES: Readonly<Record<string, EntityType>> = {
  url: 'url',
  text_link: 'text-link',
  mention: 'mention',
  text_mention: 'mention-name',
  hashtag: 'hashtag',
  cashtag: 'cashtag',
  bot_command: 'bot-command',
  email: 'email',
  phone_number: 'phone',
};

const MAX_ENTITY_TEXT = 4096;
const MAX_URL = 8192;
const MAX_ENTITIES = 10_000;

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const clip = (value: string, max: number): string => (value.length > max ? value.slice(0, max) : value);

function toEntity(text: string, raw: unknown): Entity | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string' || !Object.hasOwn(ENTITY_TYPES, raw.type)) return undefined;
  const { offset, length } = raw;
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length)) return undefined;
  const type = ENTITY_TYPES[raw.type] as EntityType;
  // Telegram counts offsets in UTF-16 code units, which is what JavaScript strings index by.
  const visible = clip(text.slice(offset as number, (offset as number) + (length as number)), MAX_ENTITY_TEXT);
  if (type === 'url') return { type, text: visible, url: clip(visible, MAX_URL) };
  if (type === 'text-link') {
    const url = str(raw.url);
    return url === undefined ? { type, text: visible } : { type, text: visible, url: clip(url, MAX_URL) };
  }
  // A mention by name links to a user who may have no username: keep the hidden user id.
  if (type === 'mention-name' && isObject(raw.user) && Number.isSafeInteger(raw.user.id)) {
    return { type, text: visible, url: `tg://user?id=${String(raw.user.id)}` };
  }
  return { type, text: visible };
}

/** The link a button sends its user to: plain url buttons, login URLs and web apps. */
function buttonUrl(button: Raw): string | undefined {
  const url = str(button.url);
  if (url !== undefined) return url;
  if (isObject(button.login_url)) return str(button.login_url.url);
  return isObject(button.web_app) ? str(button.web_app.url) : undefined;
}

function buttonEntities(markup: unknown): Entity[] {
  if (!isObject(markup) || !Array.isArray(markup.inline_keyboard)) return [];
  const out: Entity[] = [];
  for (const row of markup.inline_keyboard) {
    for (const button of Array.isArray(row) ? row : []) {
      if (!isObject(button)) continue;
      const url = buttonUrl(button);
      if (url === undefined || url === '') continue;
      out.push({ type: 'button-url', text: clip(str(button.text) ?? '', MAX_ENTITY_TEXT), url: clip(url, MAX_URL) });
    }
  }
  return out;
}

export interface MessageText {
  text: string;
  entities: Entity[];
}

/** Text (or the caption of media) with its entities, then button links, as the export reader orders them. */
export function messageText(message: Raw): MessageText {
  const isCaption = typeof message.text !== 'string' && typeof message.caption === 'string';
  const text = str(message.text) ?? str(message.caption) ?? '';
  const raw = isCaption ? message.caption_entities : message.entities;
  const entities: Entity[] = [];
  for (const part of Array.isArray(raw) ? raw : []) {
    const entity = toEntity(text, part);
    if (entity) entities.push(entity);
  }
  entities.push(...buttonEntities(message.reply_markup));
  return { text, entities: entities.slice(0, MAX_ENTITIES) };
}
