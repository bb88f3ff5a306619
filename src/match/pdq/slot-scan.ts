import { distanceAtMost, PDQ_WORDS } from './pdq-words.js';

/**
 * Shared pieces of a search over slots. A slot is a hash's position in the index's word array
 * (8 words each); removed slots stay in place, marked in a tombstone bit set, until compaction.
 * Matches are gathered as two parallel number lists, not objects, because a near-duplicate query
 * against clustered data can match thousands of hashes.
 */
export interface HitSink {
  readonly slots: number[];
  readonly distances: number[];
}

export const newSink = (): HitSink => ({ slots: [], distances: [] });

export function isDead(dead: Uint8Array, slot: number): boolean {
  return ((dead[slot >>> 3] as number) & (1 << (slot & 7))) !== 0;
}

export function markDead(dead: Uint8Array, slot: number): void {
  dead[slot >>> 3] = (dead[slot >>> 3] as number) | (1 << (slot & 7));
}

/** Every live slot in [from, to) within `radius` of the query: the tail, and segments too small for MIH. */
export function scanSlots(
  words: Uint32Array,
  from: number,
  to: number,
  q: Uint32Array,
  radius: number,
  dead: Uint8Array,
  sink: HitSink,
): void {
  for (let slot = from; slot < to; slot++) {
    const d = distanceAtMost(words, slot * PDQ_WORDS, q, 0, radius);
    if (d <= radius && !isDead(dead, slot)) {
      sink.slots.push(slot);
      sink.distances.push(d);
    }
  }
}
