/**
 * PDQ hashes as eight 32-bit words, so the all-pairs comparison in vPDQ matching costs eight XORs
 * and popcounts instead of string work. Input is trusted to be 64 hex digits (parseVpdq checks).
 */
export type HashBits = Uint32Array;

export function hashBits(hex: string): HashBits {
  const words = new Uint32Array(8);
  for (let i = 0; i < 8; i++) words[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
  return words;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits, 0–256. */
export function hammingDistance(a: HashBits, b: HashBits): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += popcount((a[i] as number) ^ (b[i] as number));
  return sum;
}

/** True as soon as the distance is known to be within `limit`, without always counting all words. */
export function withinDistance(a: HashBits, b: HashBits, limit: number): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += popcount((a[i] as number) ^ (b[i] as number));
    if (sum > limit) return false;
  }
  return true;
}
