import { invalidInput } from '../../../core/errors.js';
import { torbenMedian } from './median.js';

const HEX_HASH = /^[0-9a-f]{64}$/i;

/**
 * The 256 hash bits from a 16×16 DCT block: bit i·16+j is set when coefficient (i, j) is above
 * the median. Formatted as the reference prints its 16 uint16 words: word 15 first, four hex
 * digits each, so row 15 of the block comes first and bit j of a row is worth 2^j in its word.
 */
export function hashHexFromDct(dct16x16: Float32Array): string {
  const median = torbenMedian(dct16x16);
  let hex = '';
  for (let row = 15; row >= 0; row--) {
    let word = 0;
    for (let col = 0; col < 16; col++) if (dct16x16[row * 16 + col]! > median) word |= 1 << col;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}

export const ZERO_HASH = '0'.repeat(64);

function checkHash(hash: string, name: string): void {
  if (!HEX_HASH.test(hash)) {
    throw invalidInput(`${name} is not a PDQ hash; pass 64 hex characters`, name);
  }
}

const NIBBLE_BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Number of differing bits between two PDQ hashes (0..256). */
export function pdqHammingDistance(a: string, b: string): number {
  checkHash(a, 'a');
  checkHash(b, 'b');
  let distance = 0;
  // 8 hex digits fit a 32-bit xor exactly.
  for (let i = 0; i < 64; i += 8) {
    let x = (Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x !== 0) {
      distance += NIBBLE_BITS[x & 15]!;
      x >>>= 4;
    }
  }
  return distance;
}

/** Number of set bits of a hash (the reference's `norm`; 128 for a typical hash). */
export function pdqHashNorm(hash: string): number {
  return pdqHammingDistance(hash, ZERO_HASH);
}
