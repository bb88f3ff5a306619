import { invalidInput } from '../../core/index.js';

/**
 * A PDQ hash is 256 bits, written as 64 hex characters. In memory it is 8 unsigned 32-bit words,
 * word i holding hex characters 8i..8i+7 (the first character is the word's top nibble), so
 * `pdqHex(pdqWords(h)) === h.toLowerCase()`. Distances never depend on the bit order; the MIH
 * chunks do, and they read bits in the same big-endian order (see `chunk-layout.ts`).
 */
export const PDQ_BITS = 256;
export const PDQ_WORDS = 8;
export const PDQ_HEX_LENGTH = 64;

/** PDQ's own match threshold: distance ≤ 31 of 256 bits (python-threatexchange `pdq_utils.py`). */
export const PDQ_MATCH_RADIUS = 31;

// char code → nibble, or -1; a table beats parseInt on 10 million hashes (no substrings).
const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) NIBBLE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  NIBBLE[65 + c] = 10 + c;
  NIBBLE[97 + c] = 10 + c;
}

/**
 * Reads a 64-character hex PDQ hash into `out` at word `offset`, without allocating. Both cases
 * are accepted. Throws INPUT_INVALID naming the length or the first bad position (never the
 * input itself, which may be arbitrary user text).
 */
export function readPdqWords(hex: string, out: Uint32Array, offset = 0): void {
  if (typeof hex !== 'string' || hex.length !== PDQ_HEX_LENGTH) {
    const got = typeof hex === 'string' ? `${hex.length} characters` : typeof hex;
    throw invalidInput(`a PDQ hash is ${PDQ_HEX_LENGTH} hex characters (got ${got})`);
  }
  for (let w = 0; w < PDQ_WORDS; w++) {
    let word = 0;
    for (let i = w * 8; i < w * 8 + 8; i++) {
      const code = hex.charCodeAt(i);
      const nibble = code < 128 ? (NIBBLE[code] as number) : -1;
      if (nibble < 0) throw invalidInput(`a PDQ hash is hex only; character ${i + 1} is not 0-9 or a-f`);
      word = (word << 4) | nibble;
    }
    out[offset + w] = word;
  }
}

/**
 * The 8 words of a hex PDQ hash.
 * @example pdqWords('f'.repeat(64)) // Uint32Array(8) [4294967295, …]
 */
export function pdqWords(hex: string): Uint32Array {
  const out = new Uint32Array(PDQ_WORDS);
  readPdqWords(hex, out, 0);
  return out;
}

/** The lowercase 64-character hex form of 8 words (the inverse of `pdqWords`). */
export function pdqHex(words: Uint32Array, offset = 0): string {
  if (!(words instanceof Uint32Array) || words.length < offset + PDQ_WORDS) {
    throw invalidInput(`a PDQ hash is ${PDQ_WORDS} 32-bit words`);
  }
  let hex = '';
  for (let w = offset; w < offset + PDQ_WORDS; w++) hex += (words[w] as number).toString(16).padStart(8, '0');
  return hex;
}

/** Set bits in a 32-bit word (SWAR; JavaScript has no popcount instruction). */
export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/**
 * Distance between the hash at word `ao` of `a` and the one at `bo` of `b`, or any number above
 * `limit` as soon as the running sum passes it: a random candidate is rejected after about
 * three words instead of eight.
 */
export function distanceAtMost(a: Uint32Array, ao: number, b: Uint32Array, bo: number, limit: number): number {
  let d = popcount32((a[ao] as number) ^ (b[bo] as number));
  for (let i = 1; i < PDQ_WORDS && d <= limit; i++) d += popcount32((a[ao + i] as number) ^ (b[bo + i] as number));
  return d;
}

const asWords = (h: string | Uint32Array): Uint32Array => {
  if (typeof h === 'string') return pdqWords(h);
  if (h instanceof Uint32Array && h.length === PDQ_WORDS) return h;
  throw invalidInput(`a PDQ hash is ${PDQ_HEX_LENGTH} hex characters or ${PDQ_WORDS} 32-bit words`);
};

/**
 * Hamming distance (0..256) between two PDQ hashes given as hex or as words.
 * @example hammingDistance('0'.repeat(64), '0'.repeat(63) + '7') // 3
 */
export function hammingDistance(a: string | Uint32Array, b: string | Uint32Array): number {
  const x = asWords(a);
  const y = asWords(b);
  let d = 0;
  for (let i = 0; i < PDQ_WORDS; i++) d += popcount32((x[i] as number) ^ (y[i] as number));
  return d;
}

/** Words for a query given either way; one shared parse path so errors read the same. */
export const queryWords = asWords;

/** Checks a search radius: an integer from 0 to 256 (every hash is within 256). */
export function checkRadius(radius: number): void {
  if (!Number.isInteger(radius) || radius < 0 || radius > PDQ_BITS) {
    throw invalidInput(`a PDQ search radius is an integer from 0 to ${PDQ_BITS} (got ${radius})`);
  }
}
