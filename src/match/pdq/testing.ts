import type { PdqEntry } from './pdq-index.js';
import { PDQ_WORDS, pdqHex, pdqWords } from './pdq-words.js';
import { fillClustered, fillRandom, flipBits, random32 } from './synthetic-hashes.js';

/** Test helpers: seeded entry sets and query sets (not part of the build). */

export function entriesOf(words: Uint32Array, prefix: string): PdqEntry[] {
  return Array.from({ length: words.length / PDQ_WORDS }, (_, i) => ({
    id: `${prefix}${i}`,
    hash: pdqHex(words, i * PDQ_WORDS),
  }));
}

export function randomEntries(n: number, seed: number, prefix = 'r'): PdqEntry[] {
  const words = new Uint32Array(n * PDQ_WORDS);
  fillRandom(words, 0, n, random32(seed));
  return entriesOf(words, prefix);
}

/** Clusters of 40 members within 24 bits of their centre. */
export function clusteredEntries(n: number, seed: number, prefix = 'c'): PdqEntry[] {
  const words = new Uint32Array(n * PDQ_WORDS);
  fillClustered(words, n, 40, 24, random32(seed));
  return entriesOf(words, prefix);
}

/** The same entries with parsed hashes, so the brute-force reference does not re-parse hex per query. */
export const parsed = (entries: PdqEntry[]): PdqEntry[] =>
  entries.map((e) => ({ id: e.id, hash: typeof e.hash === 'string' ? pdqWords(e.hash) : e.hash }));

/** `count` near-duplicate queries (a stored hash, 0..maxFlips bits changed) and `count` random ones. */
export function mixedQueries(entries: PdqEntry[], count: number, seed: number, maxFlips = 40): string[] {
  const next = random32(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const stored = entries[next() % entries.length] as PdqEntry;
    const words = typeof stored.hash === 'string' ? pdqWords(stored.hash) : stored.hash;
    out.push(pdqHex(flipBits(words, 0, next() % (maxFlips + 1), next)));
    const random = new Uint32Array(PDQ_WORDS);
    fillRandom(random, 0, 1, next);
    out.push(pdqHex(random));
  }
  return out;
}
