import { PDQ_BITS, PDQ_WORDS } from './pdq-words.js';

/**
 * Seeded synthetic PDQ hashes for tests and benchmarks: uniform random ones (what unrelated
 * images look like to PDQ) and near-duplicates at a chosen distance. Never real content.
 */
export type Random32 = () => number;

/** mulberry32: a small, fast, seeded source of 32-bit words. */
export function random32(seed: number): Random32 {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Fills hashes [from, to) of `out` (8 words each) with random words. */
export function fillRandom(out: Uint32Array, from: number, to: number, next: Random32): void {
  for (let i = from * PDQ_WORDS; i < to * PDQ_WORDS; i++) out[i] = next();
}

export function randomHash(next: Random32): Uint32Array {
  const out = new Uint32Array(PDQ_WORDS);
  fillRandom(out, 0, 1, next);
  return out;
}

/** A copy of the hash at `offset` with exactly `bits` distinct bits flipped (so at that distance). */
export function flipBits(words: Uint32Array, offset: number, bits: number, next: Random32): Uint32Array {
  const out = words.slice(offset, offset + PDQ_WORDS);
  const flipped = new Set<number>();
  while (flipped.size < Math.min(bits, PDQ_BITS)) {
    const bit = next() % PDQ_BITS;
    if (flipped.has(bit)) continue;
    flipped.add(bit);
    out[bit >>> 5] = (out[bit >>> 5] as number) ^ (1 << (bit & 31));
  }
  return out;
}

/**
 * `count` hashes in clusters of `clusterSize` near-duplicates: each cluster has a random centre
 * and members within `spread` bits of it (uniform 0..spread), the way re-encodes, crops and
 * overlays of one image spread around its hash.
 */
export function fillClustered(
  out: Uint32Array,
  count: number,
  clusterSize: number,
  spread: number,
  next: Random32,
): void {
  const centre = new Uint32Array(PDQ_WORDS);
  for (let i = 0; i < count; i++) {
    if (i % clusterSize === 0) fillRandom(centre, 0, 1, next);
    out.set(flipBits(centre, 0, next() % (spread + 1), next), i * PDQ_WORDS);
  }
}
