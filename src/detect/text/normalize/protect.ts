import { decodeUnits } from './buffer.js';
import { uint8s } from './slab.js';

/**
 * URLs, e-mail addresses and @mentions are not words: leet, homoglyph, splitting and repeated-
 * letter rules would corrupt them (and the link checks need them intact). They are found first,
 * on the character-pass output, and kept; only their case-insensitive parts are lower-cased.
 */

/** Protection of one unit: none, kept exactly, or lower-cased only. */
export const P_NONE = 0;
export const P_KEEP = 1;
export const P_LOWER = 2;

const TLDS =
  'com|org|net|edu|gov|int|info|io|me|ly|gl|co|ru|uk|de|fr|tv|cc|biz|ws|to|sh|app|dev|site|online|xyz|top|link|' +
  'page|ai|so|gg|su|ir|tr|pk|af|sy|iq|sa|ae|eg|ma|dz|tn|ps|lb|jo|ye|qa|kw|bh|om|sd|ng|ml|ne|in|id|us|eu|news';
const URL_RE = new RegExp(
  `(?:[a-z][a-z0-9+.-]{1,15}:\\/\\/|www\\.)[^\\s]+|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})(?::\\d{1,5})?(?:[/?#][^\\s]*)?(?![\\p{L}\\p{N}])`,
  'giu',
);
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const MENTION_RE = /(?<![\p{L}\p{N}_])@[a-z0-9_]{3,32}/giu;
const TRAILING = new Set([...'.,;:!?)]}\'"»']);

/** Longest space-free chunk searched for links. */
const MAX_CHUNK = 2048;

/** What a chunk may hold, from a cheap look at its units. */
const HAS_AT = 1;
const HAS_DOT_OR_COLON = 2;

/** Marks protected units of `units[0, n)`; null when there are none (the usual case). */
export function protectSpans(units: number[], n: number): Uint8Array | null {
  const spans: number[] = [];
  let start = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && units[i] !== 0x20) continue;
    // A link is short; a giant unbroken chunk could make the regexes backtrack for seconds.
    const hints = i - start >= 4 && i - start <= MAX_CHUNK ? linkHints(units, start, i) : 0;
    if (hints !== 0) protectChunk(decodeUnits(units, start, i - start), start, hints, spans);
    start = i + 1;
  }
  if (spans.length === 0) return null;
  const prot = uint8s(n);
  for (let k = 0; k < spans.length; k += 3) {
    const value = spans[k + 2] as number;
    for (let i = spans[k] as number; i < (spans[k + 1] as number); i++) {
      if (prot[i] === P_NONE || value === P_LOWER) prot[i] = value;
    }
  }
  return prot;
}

function linkHints(units: number[], from: number, to: number): number {
  let hints = 0;
  for (let i = from; i < to - 1; i++) {
    const c = units[i] as number;
    const next = (units[i + 1] as number) | 0x20;
    if (c === 0x40) hints |= HAS_AT;
    // A dot followed by a letter ("x.com", never a full stop), or "://".
    else if ((c === 0x2e && next >= 0x61 && next <= 0x7a) || (c === 0x3a && units[i + 1] === 0x2f)) {
      hints |= HAS_DOT_OR_COLON;
    }
  }
  return hints;
}

/** Adds [start, end, protection] triples for the links in `chunk` (units from `offset`). */
function protectChunk(chunk: string, offset: number, hints: number, spans: number[]): void {
  const first = spans.length;
  const taken = (at: number): boolean => {
    for (let k = first; k < spans.length; k += 3) {
      if (at >= (spans[k] as number) && at < (spans[k + 1] as number)) return true;
    }
    return false;
  };
  if (hints & HAS_AT) {
    for (const m of chunk.matchAll(EMAIL_RE)) {
      const at = offset + m.index + m[0].indexOf('@');
      spans.push(offset + m.index, at, P_KEEP, at, offset + m.index + m[0].length, P_LOWER);
    }
  }
  if (hints & HAS_DOT_OR_COLON) {
    for (const m of chunk.matchAll(URL_RE)) {
      let end = m.index + m[0].length;
      while (end > m.index && TRAILING.has(chunk[end - 1] as string)) end--;
      if (taken(offset + m.index)) continue; // inside an e-mail address
      const hostEnd = urlHostEnd(chunk, m.index, end);
      spans.push(offset + m.index, offset + hostEnd, P_LOWER, offset + hostEnd, offset + end, P_KEEP);
    }
  }
  if (hints & HAS_AT) {
    for (const m of chunk.matchAll(MENTION_RE)) {
      if (!taken(offset + m.index)) spans.push(offset + m.index, offset + m.index + m[0].length, P_LOWER);
    }
  }
}

/** End of scheme + host (lower-cased); the path, query and fragment keep their case. */
function urlHostEnd(chunk: string, start: number, end: number): number {
  const scheme = chunk.indexOf('://', start);
  let i = scheme >= 0 && scheme < end ? scheme + 3 : start;
  while (i < end && !'/?#'.includes(chunk[i] as string)) i++;
  return i;
}
