import type { Signal, SpanEvidence, Tactic } from '../../../core/index.js';
import type { Normalized, TacticHit } from './types.js';

export const NORMALIZER_PROVIDER = 'normalizer';

/**
 * How much each tactic says on its own, before strength and count: `base` for one weak
 * occurrence, rising with repetition up to `cap`. Ordinary writing habits (Arabizi, elongated
 * letters, a tatweel, an LRM mark) stay low; tricks with no innocent use (tag-character
 * payloads, bidi overrides, Zalgo, mixed-script words) go higher. Never a verdict: the policy
 * combines these with what the words say.
 */
const WEIGHTS: Readonly<Record<string, { base: number; step: number; cap: number }>> = {
  'zero-width': { base: 0.3, step: 0.1, cap: 0.85 },
  'bidi-control': { base: 0.1, step: 0.05, cap: 0.8 },
  homoglyph: { base: 0.5, step: 0.1, cap: 0.85 },
  'arabic-letter-variant': { base: 0.25, step: 0.05, cap: 0.5 },
  tatweel: { base: 0.15, step: 0.05, cap: 0.5 },
  'diacritics-flood': { base: 0.4, step: 0.1, cap: 0.8 },
  'letter-splitting': { base: 0.4, step: 0.1, cap: 0.8 },
  leet: { base: 0.4, step: 0.1, cap: 0.75 },
  'fullwidth-presentation-forms': { base: 0.25, step: 0.05, cap: 0.6 },
  arabizi: { base: 0.1, step: 0.02, cap: 0.25 },
  'reversed-text': { base: 0.6, step: 0.1, cap: 0.85 },
  'repeated-letters': { base: 0.1, step: 0.03, cap: 0.3 },
  'combining-marks': { base: 0.35, step: 0.05, cap: 0.85 },
  'emoji-substitution': { base: 0.35, step: 0.1, cap: 0.75 },
};

/** The score of one tactic hit: its base, raised by its strongest occurrence and by repetition. */
export function tacticScore(hit: TacticHit): number {
  const w = WEIGHTS[hit.tactic] ?? { base: 0.3, step: 0.05, cap: 0.6 };
  const first = Math.max(w.base, Math.min(w.cap, hit.strength));
  const score = first + w.step * Math.log2(Math.max(1, hit.count));
  return Math.round(Math.min(w.cap, score) * 1000) / 1000;
}

/** One `tactic` signal per tactic the normaliser undid, with original-text spans as evidence. */
export function toTacticSignals(n: Normalized, version: string): Signal[] {
  return n.tactics.map((hit) => {
    const evidence: Signal['evidence'] = hit.spans.map(
      (s): SpanEvidence => ({ type: 'span', start: s.start, end: s.end, term: hit.tactic }),
    );
    evidence.push({ type: 'feature', name: 'count', weight: hit.count });
    return {
      provider: NORMALIZER_PROVIDER,
      kind: 'tactic',
      score: tacticScore(hit),
      tactic: hit.tactic as Tactic,
      label: hit.tactic,
      evidence,
      version,
    };
  });
}
