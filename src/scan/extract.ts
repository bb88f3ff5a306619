import type { Item } from '../core/index.js';
import { extractLinks, type Link } from '../detect/text/links/index.js';
import type { NormalizedText, ScanContext, ScanInput } from './provider.js';

const LINK_ENTITY_TYPES = new Set(['url', 'text-link', 'button-url']);

/**
 * Text and links a provider should read. Telegram folds a media caption into the message text,
 * so `item.text` already holds both; hidden link targets are listed separately because the
 * reader never sees them, which is exactly why they are used to smuggle outlinks.
 */
export function extractScanInput(
  item: Item,
  normalize: (text: string) => NormalizedText = identity,
  context: ScanContext = {},
): ScanInput {
  const links: string[] = [];
  const seen = new Set<string>();
  for (const entity of item.entities) {
    if (!LINK_ENTITY_TYPES.has(entity.type)) continue;
    const url = entity.url ?? entity.text;
    if (url && !seen.has(url)) {
      seen.add(url);
      links.push(url);
    }
  }
  let found: Link[] | undefined;
  return {
    item,
    text: item.text,
    links,
    normalized: normalize(item.text),
    foundLinks: () => {
      found ??= extractLinks(item.text, item.entities);
      return found;
    },
    ...(context.mediaRoot !== undefined && { mediaRoot: context.mediaRoot }),
  };
}

/** Without a normaliser the text is its own canonical form. */
export function identity(text: string): NormalizedText {
  const map = new Int32Array(text.length);
  for (let i = 0; i < map.length; i++) map[i] = i;
  return { text, map, tactics: [] };
}
