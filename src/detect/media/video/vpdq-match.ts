import { type HashBits, hashBits, withinDistance } from './hash-bits.js';
import type { VpdqFrame } from './vpdq-frame.js';

/**
 * vPDQ comparison as the reference defines it (python-threatexchange `match_VPDQ_hash_brute`): both
 * videos become *bags of unique hashes* — duplicates dropped first, then frames under the quality
 * floor — and each side's percentage is the share of its hashes within `distance` of any hash on
 * the other side. Frame order and timestamps play no part, which is what lets a clip match.
 */

export interface VpdqMatchOptions {
  /** Largest PDQ Hamming distance that counts as the same frame (inclusive). */
  distance?: number;
  /** Frames below this PDQ quality on either side are left out. */
  quality?: number;
}

export interface VpdqMatchResult {
  /** Percent (0–100) of the query's unique, good-quality hashes found in the target. */
  queryMatchPercent: number;
  /** Percent (0–100) of the target's unique, good-quality hashes found in the query. */
  targetMatchPercent: number;
}

/** The reference defaults: VPDQ_DISTANCE_THRESHOLD and VPDQ_QUALITY_THRESHOLD. */
export const VPDQ_DISTANCE = 31;
export const VPDQ_QUALITY = 50;

function uniqueGoodHashes(frames: readonly VpdqFrame[], quality: number): HashBits[] {
  const seen = new Set<string>();
  const kept: HashBits[] = [];
  for (const frame of frames) {
    // Dedupe before the quality filter, in the reference's order: the first copy of a hash decides.
    if (seen.has(frame.hash)) continue;
    seen.add(frame.hash);
    if (frame.quality >= quality) kept.push(hashBits(frame.hash));
  }
  return kept;
}

function countFound(needles: readonly HashBits[], haystack: readonly HashBits[], distance: number): number {
  let found = 0;
  for (const needle of needles) {
    for (const hay of haystack) {
      if (withinDistance(needle, hay, distance)) {
        found++;
        break;
      }
    }
  }
  return found;
}

/**
 * Both match percentages of two vPDQ hashes. A side with no usable frame gives 0 % both ways (as
 * the C++ reference; the Python one would divide by zero).
 * @example const r = matchVpdq(upload, bankEntry); if (isVpdqMatch(r)) …
 */
export function matchVpdq(
  query: readonly VpdqFrame[],
  target: readonly VpdqFrame[],
  options: VpdqMatchOptions = {},
): VpdqMatchResult {
  const distance = options.distance ?? VPDQ_DISTANCE;
  const quality = options.quality ?? VPDQ_QUALITY;
  const q = uniqueGoodHashes(query, quality);
  const t = uniqueGoodHashes(target, quality);
  if (q.length === 0 || t.length === 0) return { queryMatchPercent: 0, targetMatchPercent: 0 };
  return {
    queryMatchPercent: (countFound(q, t, distance) * 100) / q.length,
    targetMatchPercent: (countFound(t, q, distance) * 100) / t.length,
  };
}

/** Thresholds for a sampled query against an every-frame (pruned) bank hash. */
export const SAMPLED_QUERY_THRESHOLDS = Object.freeze({ queryPercent: 80, targetPercent: 0 });

export interface VpdqMatchThresholds {
  /** Least share of the query that must be found in the target. */
  queryPercent?: number;
  /** Least share of the target that must be found in the query; lower it to let clips match. */
  targetPercent?: number;
}

/**
 * The verdict on a `matchVpdq` result; both thresholds default to 80 %, right for two hashes
 * sampled alike. For a sampled query (one frame a second) against an every-frame bank hash, use
 * SAMPLED_QUERY_THRESHOLDS: the query's frames are all found, but they cover only a slice of the
 * bank's (10–36 % on the TMK samples), as in python-threatexchange (query 80 %, compared 0 %).
 */
export function isVpdqMatch(result: VpdqMatchResult, thresholds: VpdqMatchThresholds = {}): boolean {
  return (
    result.queryMatchPercent >= (thresholds.queryPercent ?? 80) &&
    result.targetMatchPercent >= (thresholds.targetPercent ?? 80)
  );
}
