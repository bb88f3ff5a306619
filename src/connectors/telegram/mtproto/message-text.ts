import { Api } from 'telegram';
import type { Entity, EntityType } from '../../../core/index.js';
import { clip } from '../export/raw-fields.js';

/**
 * A message's text and the entities that matter for finding content (links, above all hidden
 * `text_link` targets, mentions, hashtags, bot commands, button links), built the way Telegram
 * Desktop's exporter cuts a text into parts and `export/text.ts` reads them back, so a live
 * message and its exported copy carry the same entities. Formatting (bold, code, spoilers,
 * custom emoji) has no target and gives no entity, but it still takes its place in the text.
 */

const MAX_TEXT = 1_000_000;
const MAX_ENTITY_TEXT = 4096;
const MAX_URL = 8192;
const MAX_ENTITIES = 10_000;

export interface MessageText {
  text: string;
  entities: Entity[];
}

type Part = { type: EntityType; url?: string } | undefined;

/** The Rasd entity type of a GramJS entity class, with its hidden target; undefined for formatting. */
function partOf(entity: Api.TypeMessageEntity): Part {
  if (entity instanceof Api.MessageEntityUrl) return { type: 'url' };
  if (entity instanceof Api.MessageEntityTextUrl) return { type: 'text-link', url: entity.url };
  if (entity instanceof Api.MessageEntityMention) return { type: 'mention' };
  // The exporter writes the hidden user id of a mention by name; an input mention has none to write.
  if (entity instanceof Api.MessageEntityMentionName)
    return { type: 'mention-name', url: `tg://user?id=${String(entity.userId)}` };
  if (entity instanceof Api.InputMessageEntityMentionName) return { type: 'mention-name' };
  if (entity instanceof Api.MessageEntityHashtag) return { type: 'hashtag' };
  if (entity instanceof Api.MessageEntityCashtag) return { type: 'cashtag' };
  if (entity instanceof Api.MessageEntityBotCommand) return { type: 'bot-command' };
  if (entity instanceof Api.MessageEntityEmail) return { type: 'email' };
  if (entity instanceof Api.MessageEntityPhone) return { type: 'phone' };
  return undefined;
}

function toEntity(part: NonNullable<Part>, text: string): Entity {
  const shown = clip(text, MAX_ENTITY_TEXT) as string;
  if (part.type === 'url') return { type: 'url', text: shown, url: clip(shown, MAX_URL) as string };
  return part.url === undefined
    ? { type: part.type, text: shown }
    : { type: part.type, text: shown, url: clip(part.url, MAX_URL) as string };
}

/**
 * Entities in the order Telegram sent them, with the exporter's rule for overlaps: an entity
 * starting inside the previous one (a link inside bold text) is dropped, as is an empty one or
 * one past the end. The exporter measures "the end" in UTF-8 bytes while offsets count UTF-16
 * units, so a slightly long entity survives with its text cut at the end; that is kept too.
 */
function textEntities(text: string, entities: readonly Api.TypeMessageEntity[]): Entity[] {
  const size = Buffer.byteLength(text, 'utf8');
  const out: Entity[] = [];
  let offset = 0;
  for (const entity of entities) {
    const { offset: start, length } = entity as { offset: number; length: number };
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length)) continue;
    if (start < offset || length <= 0 || start + length > size) continue;
    offset = start + length;
    const part = partOf(entity);
    if (part) out.push(toEntity(part, text.slice(start, start + length)));
    if (out.length >= MAX_ENTITIES) break;
  }
  return out;
}

/** Button kinds that send the reader to a link; the exporter writes their link as the button's `data`. */
function buttonUrl(button: Api.TypeKeyboardButton): string | undefined {
  if (
    button instanceof Api.KeyboardButtonUrl ||
    button instanceof Api.KeyboardButtonUrlAuth ||
    button instanceof Api.InputKeyboardButtonUrlAuth ||
    button instanceof Api.KeyboardButtonWebView ||
    button instanceof Api.KeyboardButtonSimpleWebView
  ) {
    return button.url;
  }
  return undefined;
}

/** Inline keyboard links as `button-url` entities, row by row; other keyboards are not exported. */
function buttonEntities(markup: Api.TypeReplyMarkup | undefined): Entity[] {
  if (!(markup instanceof Api.ReplyInlineMarkup)) return [];
  const out: Entity[] = [];
  for (const row of markup.rows ?? []) {
    for (const button of row.buttons ?? []) {
      const url = buttonUrl(button);
      if (url === undefined || url === '') continue;
      const text = clip((button as { text?: unknown }).text as string | undefined, MAX_ENTITY_TEXT);
      out.push({ type: 'button-url', text: typeof text === 'string' ? text : '', url: clip(url, MAX_URL) as string });
    }
  }
  return out;
}

/** The text (a caption for media) and its entities, then the inline buttons' links. */
export function messageText(message: Api.Message): MessageText {
  const raw = typeof message.message === 'string' ? message.message : '';
  const text = clip(raw, MAX_TEXT) as string;
  const entities = textEntities(text, message.entities ?? []);
  entities.push(...buttonEntities(message.replyMarkup));
  return { text, entities: entities.slice(0, MAX_ENTITIES) };
}
