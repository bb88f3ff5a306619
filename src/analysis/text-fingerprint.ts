import { foldNormalized } from '../detect/text/normalize/index.js';

/** Below this many letters a text is too common ("hi", "new post") to join two chats. */
export const MIN_FINGERPRINT_LETTERS = 20;

/**
 * A whitespace-separated token that is a link (with or without a scheme): `https://…`, `www.…`,
 * `t.me/x`, `example.org`. Tested per token rather than as one pattern over the text, because
 * a pattern like `\S+\.[a-z]{2,}` backtracks over every word of every post.
 */
const LINKISH = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|\.[a-z]{2,}(?:[/?#:]|$)/iu;
const WHITESPACE = /\s+/u;
const NOT_LETTER = /[^\p{L}]+/gu;

/**
 * `text:<16 hex>` of a post's text after the evasion-proof normaliser, with links, mentions,
 * digits, punctuation and whitespace removed, so the same release reposted with another link, a
 * different channel tag or re-spaced words gives the same key. Undefined for short texts.
 */
export function textFingerprint(text: string): string | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  return textFingerprintNormalized(foldNormalized(text).text);
}

/** The same on text the evasion-proof normaliser has read already (the scan did: no second pass). */
export function textFingerprintNormalized(normalized: string): string | undefined {
  if (normalized.length === 0) return undefined;
  let kept = '';
  for (const token of normalized.split(WHITESPACE)) {
    if (token === '' || token.startsWith('@') || LINKISH.test(token)) continue;
    kept += token;
  }
  const letters = kept.replace(NOT_LETTER, '');
  // Letters are counted in UTF-16 units: the few astral letters count twice, which only makes
  // the short-text cut a little more lenient.
  if (letters.length < MIN_FINGERPRINT_LETTERS) return undefined;
  return `text:${fnv64(letters)}`;
}

/**
 * 64-bit FNV-1a over UTF-16 units, as two 32-bit lanes with different offsets. Not a
 * cryptographic hash: a fingerprint only groups posts, and a forged collision would merge two
 * texts into one campaign candidate, which the member count and window still have to confirm.
 * Collisions by chance among a few million posts: about 10⁻⁷.
 */
function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
