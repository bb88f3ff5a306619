import type { Tactic } from '../../core/index.js';
import type { MediaBankMatch } from './media-bank.js';

/**
 * What a media bank match scores and how it was found, in words a reviewer reads as the
 * transformation: the PDQ form (`matched as flipx`), the share of vPDQ frames, how far an audio
 * copy was trimmed, the two TMK scores. Exact hashes score 1 and need no words.
 */
export interface MatchDescription {
  score: number;
  tactic?: Tactic;
  /** The transformation first, then how close the match was. */
  how: string[];
}

/**
 * Score from distance: `1 − d / (2 (T + 1))`, T the bank's threshold. An exact copy scores 1;
 * a match right at the threshold scores just over 0.5, the bottom of the policy's review band;
 * at the default T = 31 that is `1 − d/64`, so d ≤ 12 (≥ 0.8, the violating band) is the range
 * PDQ's authors treat as the same picture, and 13–31 goes to a human.
 */
export function pdqScore(distance: number, maxDistance: number): number {
  return Math.max(0, 1 - distance / (2 * (maxDistance + 1)));
}

/**
 * The same shape for a continuous distance (audio bit error rate, 1 − TMK score): the threshold
 * scores 0.5 (review), half of it 0.75, an identical copy 1. Audio at the 0.2 default: a 16 kbit/s
 * Opus re-encode (≈0.065) scores ≈0.84, in the violating band; TMK at 0.3: level scores ≥ 0.88.
 */
export function similarityScore(distance: number, maxDistance: number): number {
  if (maxDistance <= 0) return distance <= 0 ? 1 : 0;
  return Math.min(1, Math.max(0, 1 - distance / (2 * maxDistance)));
}

/** `trimmed by 2.5 s`, `2.0 s added before`, or `aligned` for a copy that starts where the banked audio does. */
export function audioTransformation(offsetSeconds: number): string {
  if (offsetSeconds > 0) return `trimmed by ${offsetSeconds.toFixed(1)} s`;
  if (offsetSeconds < 0) return `${(-offsetSeconds).toFixed(1)} s added before`;
  return 'aligned';
}

export function describeMatch(m: MediaBankMatch): MatchDescription {
  switch (m.entry.signalType) {
    case 'md5':
    case 'sha256':
      return { score: 1, how: [] };
    case 'vpdq': {
      const { query, target } = m.percent ?? { query: 0, target: 0 };
      const score = Math.min(query, target) / 100;
      const how = [`matched ${Math.round(query)}% / ${Math.round(target)}% of frames`];
      return { score, how, ...(score < 1 && { tactic: 'near-duplicate-reupload' as const }) };
    }
    case 'pdq': {
      const form = m.form ?? 'orig';
      const tactic = form !== 'orig' ? 'mirror-rotation' : m.distance > 0 ? 'near-duplicate-reupload' : undefined;
      return { score: pdqScore(m.distance, m.maxDistance), how: [`matched as ${form}`], ...(tactic && { tactic }) };
    }
    case 'audio-fingerprint': {
      const { offsetSeconds, overlapSeconds } = m.audio ?? { offsetSeconds: 0, overlapSeconds: 0 };
      const how = [
        audioTransformation(offsetSeconds),
        `bit error rate ${m.distance.toFixed(3)} over ${overlapSeconds.toFixed(1)} s`,
      ];
      const changed = m.distance > 0 || offsetSeconds !== 0;
      const score = similarityScore(m.distance, m.maxDistance);
      return { score, how, ...(changed && { tactic: 'near-duplicate-reupload' as const }) };
    }
    case 'tmk': {
      const { level1, level2 } = m.tmk ?? { level1: 0, level2: 0 };
      const how = [`whole video, TMK level 1 ${level1.toFixed(3)}, level 2 ${level2.toFixed(3)}`];
      const score = similarityScore(m.distance, m.maxDistance);
      return { score, how, ...(m.distance > 0 && { tactic: 'near-duplicate-reupload' as const }) };
    }
  }
}
