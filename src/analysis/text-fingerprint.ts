import { createHash } from 'node:crypto';
import { foldNormalized } from '../detect/text/normalize/index.js';

/** Below this many letters a text is too common ("hi", "new post") to join two chats. */
export const MIN_FINGERPRINT_LETTERS = 20;

/** Links (with or without a scheme), `@mentions` and anything else that is not a letter go. */
const LINK = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*|\S+\.[a-z]{2,}(?:\/\S*)?/giu;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const NOT_LETTER = /[^\p{L}]+/gu;

/**
 * `text:<16 hex>` of a post's text after the evasion-proof normaliser, with links, mentions,
 * digits, punctuation and whitespace removed, so the same release reposted with another link, a
 * different channel tag or re-spaced words gives the same key. Undefined for short texts.
 * The hash is SHA-256 truncated to 64 bits: collisions among a few million posts are negligible.
 */
export function textFingerprint(text: string): string | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  const letters = foldNormalized(text).text.replace(LINK, ' ').replace(MENTION, ' ').replace(NOT_LETTER, '');
  if ([...letters].length < MIN_FINGERPRINT_LETTERS) return undefined;
  return `text:${createHash('sha256').update(letters).digest('hex').slice(0, 16)}`;
}
