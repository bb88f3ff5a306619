import { murmur3Units, murmur3Utf16, murmur3Words, murmur3Words3 } from './hash.js';
import { type Tokens, tokenize } from './tokens.js';

/**
 * Shingles: the set of overlapping pieces a text is compared by, each hashed to 32 bits.
 *
 * Two kinds, chosen by the text's shape (see `shingleKindOf`):
 *
 * - `w3`, word 3-grams, for ordinary segmented text of at least 8 words. Word n-grams are
 *   specific (two news items on the same story share few 3-word sequences, while they share
 *   many character 5-grams), cost one hash per word, and ignore punctuation and spacing.
 *   A changed word removes at most three shingles; a moved sentence removes two at each seam.
 * - `c5`, character 5-grams over the tokens joined without separators, for short texts (below
 *   8 words a handful of word 3-grams is too few to estimate anything) and for unsegmented
 *   text (scripts written without spaces, e.g. Thai or Chinese: average token longer than 16
 *   characters, which German compounds do not reach). Joining without separators also makes
 *   them blind to words split or glued by extra spaces.
 *
 * Hashes (all MurmurHash3 x86_32, see `hash.ts`): a token is hashed as its UTF-16LE bytes with
 * seed `TOKEN_SEED`; a word 3-gram is the hash of its three token hashes (12 bytes LE) with
 * seed `W3_SEED`; a character 5-gram is the hash of its five UTF-16 units with seed `C5_SEED`.
 * Texts shorter than one shingle give one shingle of the whole.
 *
 * The input must already be normalised (folded, obfuscation removed); this file only segments.
 */

export const SHINGLE_KINDS = ['w3', 'c5'] as const;
export type ShingleKind = (typeof SHINGLE_KINDS)[number];

/** A text needs this many content characters (letters and digits, not separators) to be banked or matched. */
export const MIN_CONTENT_CHARS = 30;
/** …and this many words, unless it is unsegmented. Fewer match too much by chance (greetings, slogans). */
export const MIN_WORDS = 5;
/** From this many words a text is shingled by word 3-grams. */
export const WORD_SHINGLE_MIN_WORDS = 8;
/** Above this average token length (in UTF-16 units) text counts as unsegmented. */
export const UNSEGMENTED_AVG_TOKEN = 16;

const TOKEN_SEED = 0x52415344; // 'RASD'
const W3_SEED = 0x77330001;
const C5_SEED = 0x63350001;

/** What a text looks like to the text bank: how long, whether it may be banked, how it is shingled. */
export interface TextShape {
  words: number;
  /** Content characters: UTF-16 units inside tokens. */
  chars: number;
  segmented: boolean;
  /** Long enough to bank or match (see `MIN_CONTENT_CHARS`, `MIN_WORDS`). */
  eligible: boolean;
  /** The kind a bank entry of this text is signed with. */
  kind: ShingleKind;
}

export function shapeOf(tokens: Tokens): TextShape {
  const words = tokens.count;
  const chars = tokens.chars;
  const segmented = words > 0 && chars / words <= UNSEGMENTED_AVG_TOKEN;
  const eligible = chars >= MIN_CONTENT_CHARS && (words >= MIN_WORDS || !segmented);
  const kind: ShingleKind = segmented && words >= WORD_SHINGLE_MIN_WORDS ? 'w3' : 'c5';
  return { words, chars, segmented, eligible, kind };
}

/** The shingle kind a bank entry of this (normalised) text is signed with. */
export function shingleKindOf(text: string): ShingleKind {
  return shapeOf(tokenize(text)).kind;
}

/**
 * Shingle hashes with repeats, in shared scratch buffers valid until the next call (the hot
 * path signs thousands of messages a second and must not allocate per message).
 */
export interface ShingleHashes {
  hashes: Uint32Array;
  count: number;
}

const out: ShingleHashes = { hashes: new Uint32Array(256), count: 0 };
let tokenHashes = new Uint32Array(256);
let content = new Uint16Array(1024);

function reserve(n: number): Uint32Array {
  if (out.hashes.length < n) out.hashes = new Uint32Array(Math.max(n, out.hashes.length * 2));
  return out.hashes;
}

function fillWordShingles(text: string, tokens: Tokens): ShingleHashes {
  const n = tokens.count;
  if (n === 0) {
    out.count = 0;
    return out;
  }
  if (tokenHashes.length < n) tokenHashes = new Uint32Array(Math.max(n, tokenHashes.length * 2));
  const th = tokenHashes;
  for (let i = 0; i < n; i++)
    th[i] = murmur3Utf16(text, tokens.starts[i] as number, tokens.ends[i] as number, TOKEN_SEED);
  const hashes = reserve(Math.max(1, n - 2));
  if (n < 3) {
    hashes[0] = murmur3Words(th, 0, n, W3_SEED);
    out.count = 1;
    return out;
  }
  for (let i = 0; i + 2 < n; i++) {
    hashes[i] = murmur3Words3(th[i] as number, th[i + 1] as number, th[i + 2] as number, W3_SEED);
  }
  out.count = n - 2;
  return out;
}

function fillCharShingles(text: string, tokens: Tokens): ShingleHashes {
  if (content.length < tokens.chars) content = new Uint16Array(Math.max(tokens.chars, content.length * 2));
  const units = content;
  let n = 0;
  for (let t = 0; t < tokens.count; t++) {
    const end = tokens.ends[t] as number;
    for (let i = tokens.starts[t] as number; i < end; i++) units[n++] = text.charCodeAt(i);
  }
  if (n === 0) {
    out.count = 0;
    return out;
  }
  const hashes = reserve(Math.max(1, n - 4));
  if (n < 5) {
    hashes[0] = murmur3Units(units, 0, n, C5_SEED);
    out.count = 1;
    return out;
  }
  for (let i = 0; i + 5 <= n; i++) hashes[i] = murmur3Units(units, i, i + 5, C5_SEED);
  out.count = n - 4;
  return out;
}

/** The shingle hashes of a kind, with repeats, in the shared scratch (see `ShingleHashes`). */
export function shingleHashes(text: string, kind: ShingleKind, tokens: Tokens = tokenize(text)): ShingleHashes {
  return kind === 'w3' ? fillWordShingles(text, tokens) : fillCharShingles(text, tokens);
}

/** Distinct shingle hashes of the given kind, ascending, in a fresh array. */
export function shingles(text: string, kind: ShingleKind, tokens: Tokens = tokenize(text)): Uint32Array {
  const { hashes, count } = shingleHashes(text, kind, tokens);
  const set = hashes.slice(0, count).sort();
  let k = set.length > 0 ? 1 : 0;
  for (let i = 1; i < set.length; i++) if (set[i] !== set[k - 1]) set[k++] = set[i] as number;
  return set.slice(0, k);
}

/** Distinct word 3-gram hashes, ascending. */
export function wordShingles(text: string): Uint32Array {
  return shingles(text, 'w3');
}

/** Distinct character 5-gram hashes over the tokens joined without separators, ascending. */
export function charShingles(text: string): Uint32Array {
  return shingles(text, 'c5');
}
