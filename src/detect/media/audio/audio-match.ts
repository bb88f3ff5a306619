/**
 * Compares two Chromaprint raw fingerprints (one 32-bit item per ≈0.124 s of audio) by sliding
 * one over the other and scoring each alignment as 1 − bit error rate over the items that overlap.
 * Re-encoding flips a few bits per item; trimming only shifts the alignment; so the best offset of
 * a copy keeps a high score while unrelated audio stays near 0.5 (random bits agree half the time).
 */

/** Seconds of audio per fingerprint item: Chromaprint hops 4096/3 samples at 11 025 Hz. */
export const FINGERPRINT_ITEM_SECONDS = 4096 / 3 / 11_025;

/**
 * Default decision threshold on the score. Measured with the tests' generated sweeps: a copy
 * re-encoded to 16 kbit/s Opus and cut by 2.5 s scores ≈0.93 (32 kbit/s MP3 ≈0.98), while an
 * unrelated sweep peaks at ≈0.64 and pink noise at ≈0.53 even at their best offset. 0.8 leaves a
 * margin on both sides; chromaprint's own matcher counts an item as matching below 10 differing
 * bits (≈0.69), and the best-offset search inflates chance scores, so we sit higher.
 */
export const AUDIO_MATCH_THRESHOLD = 0.8;

/**
 * Default minimum overlap in items (≈5 s). Over a short overlap the best of hundreds of offsets
 * can agree by chance; 40 items keep a chance score of unrelated audio well below the threshold.
 * A print is ≈2.7 s shorter than its audio (Chromaprint's filters need context), so clips under
 * ≈8 s give fewer items; then the whole shorter print must overlap instead (a 5 s voice note can
 * still match), but never fewer than {@link AUDIO_MIN_OVERLAP_FLOOR} items.
 */
export const AUDIO_MIN_OVERLAP = 40;

/** Below 8 items (≈1 s of alignment, ≈3.7 s of audio) a score means nothing: such prints never match. */
export const AUDIO_MIN_OVERLAP_FLOOR = 8;

export interface AudioMatchOptions {
  /** Score at or above which `matched` is true. Default {@link AUDIO_MATCH_THRESHOLD}. */
  threshold?: number;
  /** Minimum overlapping items for an offset to count. Default {@link AUDIO_MIN_OVERLAP}. */
  minOverlap?: number;
  /** Largest |offset| searched, in items; bounds the work for long prints. Default: all offsets. */
  maxOffset?: number;
}

export interface AudioMatch {
  /** 1 − bit error rate at the best offset, 0..1; 0 when no offset overlapped enough. */
  score: number;
  /** `b[j]` lines up with `a[j + offset]`: positive when `b` starts later in `a` (b was trimmed). */
  offset: number;
  /** Items compared at that offset. */
  overlap: number;
  matched: boolean;
}

function popcount32(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function differingBits(a: Uint32Array, b: Uint32Array, offset: number, from: number, to: number): number {
  let bits = 0;
  for (let i = from; i < to; i++) bits += popcount32((a[i]! ^ b[i - offset]!) >>> 0);
  return bits;
}

function requiredOverlap(a: Uint32Array, b: Uint32Array, minOverlap: number): number {
  const shorter = Math.min(a.length, b.length);
  return Math.max(AUDIO_MIN_OVERLAP_FLOOR, Math.min(minOverlap, shorter));
}

export function matchAudio(a: Uint32Array, b: Uint32Array, options: AudioMatchOptions = {}): AudioMatch {
  const threshold = options.threshold ?? AUDIO_MATCH_THRESHOLD;
  const need = requiredOverlap(a, b, Math.max(1, Math.floor(options.minOverlap ?? AUDIO_MIN_OVERLAP)));
  const limit = Math.floor(options.maxOffset ?? Number.POSITIVE_INFINITY);
  const best = { score: 0, offset: 0, overlap: 0 };
  const lowest = Math.max(need - b.length, -limit);
  const highest = Math.min(a.length - need, limit);
  for (let offset = lowest; offset <= highest; offset++) {
    const from = Math.max(0, offset);
    const to = Math.min(a.length, b.length + offset);
    const overlap = to - from;
    if (overlap < need) continue;
    const score = 1 - differingBits(a, b, offset, from, to) / (32 * overlap);
    // On a tie the longer overlap is the better evidence.
    if (score > best.score || (score === best.score && overlap > best.overlap)) {
      best.score = score;
      best.offset = offset;
      best.overlap = overlap;
    }
  }
  return { ...best, matched: best.overlap > 0 && best.score >= threshold };
}
