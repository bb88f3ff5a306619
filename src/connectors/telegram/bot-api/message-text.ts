import type { EntityType } from '../../../core/index.js';
import { type ButtonLink, type EntitySpan, entityText, type MessageText } from '../entity-text.js';

/**
 * Text entities of a Bot API message in Rasd's entity types, the same set the export reader
 * keeps (links, above all hidden `text_link` targets, mentions, hashtags, commands, buttons).
 * This file only says what each Bot API entity means; `../entity-text.ts` applies the limits and
 * the exporter's rules, the same as for MTProto, so the same message gives the same item.
 */

export type { MessageText } from '../entity-text.js';

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

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Formatting entities (bold, code, spoilers) still take their place in the text, with no part. */
function spanOf(raw: unknown): EntitySpan | undefined {
  if (!isObject(raw)) return undefined;
  const known = typeof raw.type === 'string' && Object.hasOwn(ENTITY_TYPES, raw.type);
  const span = { offset: raw.offset, length: raw.length };
  if (!known) return { ...span, part: undefined };
  const type = ENTITY_TYPES[raw.type as string] as EntityType;
  if (type === 'text-link') {
    const url = str(raw.url);
    return { ...span, part: url === undefined ? { type } : { type, url } };
  }
  // A mention by name links to a user who may have no username: keep the hidden user id.
  if (type === 'mention-name' && isObject(raw.user) && Number.isSafeInteger(raw.user.id)) {
    return { ...span, part: { type, url: `tg://user?id=${String(raw.user.id)}` } };
  }
  return { ...span, part: { type } };
}

/** The link a button sends its user to: plain url buttons, login URLs and web apps. */
function buttonUrl(button: Raw): string | undefined {
  const url = str(button.url);
  if (url !== undefined) return url;
  if (isObject(button.login_url)) return str(button.login_url.url);
  return isObject(button.web_app) ? str(button.web_app.url) : undefined;
}

function buttonRows(markup: unknown): ButtonLink[][] {
  if (!isObject(markup) || !Array.isArray(markup.inline_keyboard)) return [];
  return markup.inline_keyboard.map((row: unknown) =>
    (Array.isArray(row) ? row : []).flatMap((button: unknown) =>
      isObject(button) ? [{ text: button.text, url: buttonUrl(button) }] : [],
    ),
  );
}

/** Text (or the caption of media) with its entities, then button links, as the export reader orders them. */
export function messageText(message: Raw): MessageText {
  const isCaption = typeof message.text !== 'string' && typeof message.caption === 'string';
  const text = str(message.text) ?? str(message.caption) ?? '';
  const raw = isCaption ? message.caption_entities : message.entities;
  const spans = (Array.isArray(raw) ? raw : []).flatMap((part: unknown) => {
    const span = spanOf(part);
    return span ? [span] : [];
  });
  return entityText(text, spans, buttonRows(message.reply_markup));
}
