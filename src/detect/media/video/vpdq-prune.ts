import { hashBits, withinDistance } from './hash-bits.js';
import type { VpdqFrame } from './vpdq-frame.js';

/**
 * The reference's optional pruning: walk the frames in order and drop each one within `distance`
 * of the last frame kept. Static scenes collapse to one frame, so stored hashes shrink and
 * matching (quadratic in frames) speeds up, while every dropped frame stays within `distance` of
 * a kept one. `distance` < 0 keeps every frame.
 */
export function pruneVpdq(frames: readonly VpdqFrame[], distance: number): VpdqFrame[] {
  if (distance < 0) return [...frames];
  const kept: VpdqFrame[] = [];
  let last: Uint32Array | undefined;
  for (const frame of frames) {
    const bits = hashBits(frame.hash);
    if (last && withinDistance(bits, last, distance)) continue;
    kept.push(frame);
    last = bits;
  }
  return kept;
}
