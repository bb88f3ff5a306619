import type { Entity, EntityType } from '../../core/index.js';

/**
 * A live message's text and its entities, built one way for both live sources (the Bot API and
 * MTProto), so the same message gives the same item whichever source saw it, and the same item
 * as its copy in a Telegram Desktop export (`export/text.ts`). Each source only says which of its
 * entities and buttons are which; the limits, the exporter's overlap rule and the order live here.
 */

/** Longer than Telegram allows (4096 for text, 1024 for captions); a cap against a broken source. */
export const MAX_TEXT = 1_000_000;
export const MAX_ENTITY_TEXT = 4096;
export const MAX_URL = 8192;
export const MAX_ENTITIES = 10_000;

export interface MessageText {
  text: string;
  entities: Entity[];
}

/** What a source's entity means: Rasd's type and its hidden target, if any. */
export interface EntityPart {
  type: EntityType;
  url?: string;
}

/** One entity as a source sent it; `part` is undefined for formatting (bold, code, spoilers). */
export interface EntitySpan {
  offset: unknown;
  length: unknown;
  part: EntityPart | undefined;
}

/** A button that sends its user to a link; buttons without one are left out by the source. */
export interface ButtonLink {
  text: unknown;
  url: string | undefined;
}

export const clip = (value: string, max: number): string => (value.length > max ? value.slice(0, max) : value);

function toEntity(part: EntityPart, visible: string): Entity {
  const text = clip(visible, MAX_ENTITY_TEXT);
  if (part.type === 'url') return { type: 'url', text, url: clip(text, MAX_URL) };
  return part.url === undefined ? { type: part.type, text } : { type: part.type, text, url: clip(part.url, MAX_URL) };
}

/**
 * Entities in the order the source sent them, with the exporter's rule for overlaps: an entity
 * starting inside the previous one (a link inside bold text) is dropped, as is an empty one or
 * one past the end. The exporter measures "the end" in UTF-8 bytes while offsets count UTF-16
 * units (what JavaScript strings index by), so a slightly long entity survives with its text cut
 * at the end; that is kept too. Formatting entities take their place but give no entity.
 */
function textEntities(text: string, spans: readonly EntitySpan[]): Entity[] {
  const size = Buffer.byteLength(text, 'utf8');
  const out: Entity[] = [];
  let end = 0;
  for (const { offset: start, length, part } of spans) {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length)) continue;
    const from = start as number;
    const count = length as number;
    if (from < end || count <= 0 || from + count > size) continue;
    end = from + count;
    if (part) out.push(toEntity(part, text.slice(from, from + count)));
    if (out.length >= MAX_ENTITIES) break;
  }
  return out;
}

/** Inline keyboard links as `button-url` entities, row by row, as the exporter writes them. */
function buttonEntities(rows: readonly (readonly ButtonLink[])[]): Entity[] {
  const out: Entity[] = [];
  for (const row of rows) {
    for (const { text, url } of row) {
      if (url === undefined || url === '') continue;
      out.push({
        type: 'button-url',
        text: clip(typeof text === 'string' ? text : '', MAX_ENTITY_TEXT),
        url: clip(url, MAX_URL),
      });
    }
  }
  return out;
}

/** The text (a caption for media) within MAX_TEXT, its entities, then the button links. */
export function entityText(
  raw: string,
  spans: readonly EntitySpan[],
  buttons: readonly (readonly ButtonLink[])[],
): MessageText {
  const text = clip(raw, MAX_TEXT);
  const entities = textEntities(text, spans);
  entities.push(...buttonEntities(buttons));
  return { text, entities: entities.slice(0, MAX_ENTITIES) };
}
