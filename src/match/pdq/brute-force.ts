import type { PdqEntry, PdqHit } from './pdq-index.js';
import { checkRadius, hammingDistance, PDQ_MATCH_RADIUS, PDQ_WORDS, popcount32, queryWords } from './pdq-words.js';

/**
 * The reference: the distance from the query to every entry, kept when within `radius`, sorted
 * by distance then id. Deliberately the obvious code (no early exit, no index) so the index can
 * be checked against it. Later entries with the same id replace earlier ones, as in `PdqIndex`.
 */
export function bruteForceSearch(
  entries: Iterable<PdqEntry>,
  hash: string | Uint32Array,
  radius: number = PDQ_MATCH_RADIUS,
): PdqHit[] {
  checkRadius(radius);
  const q = queryWords(hash);
  const latest = new Map<string, string | Uint32Array>();
  for (const entry of entries) {
    latest.delete(entry.id);
    latest.set(entry.id, entry.hash);
  }
  const hits: PdqHit[] = [];
  for (const [id, h] of latest) {
    const distance = hammingDistance(q, h);
    if (distance <= radius) hits.push({ id, distance });
  }
  return hits.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The baseline a scaled index must beat: one pass over packed words (8 per hash, `count`
 * hashes), with the early exit any sensible linear scan has. Returns matching positions and
 * their distances, in position order.
 */
export function bruteForceScan(
  words: Uint32Array,
  count: number,
  query: Uint32Array,
  radius: number = PDQ_MATCH_RADIUS,
): { positions: number[]; distances: number[] } {
  checkRadius(radius);
  const positions: number[] = [];
  const distances: number[] = [];
  for (let i = 0, at = 0; i < count; i++, at += PDQ_WORDS) {
    let d = 0;
    for (let w = 0; w < PDQ_WORDS && d <= radius; w++) {
      d += popcount32((words[at + w] as number) ^ (query[w] as number));
    }
    if (d <= radius) {
      positions.push(i);
      distances.push(d);
    }
  }
  return { positions, distances };
}
