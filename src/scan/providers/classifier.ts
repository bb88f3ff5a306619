import type { Signal } from '../../core/index.js';
import type { TextModel } from '../../detect/text/classifier/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';

/** Scores below the review band carry no category and no explanation: they would be noise. */
const EXPLAIN_FROM = 0.5;
/** Texts with fewer letters than this are not scored: a greeting or an emoji says nothing. */
const MIN_CHARS = 3;

/**
 * The trained text classifier as a signal: the calibrated probability that the normalised text
 * is TVEC, the most likely violating category, and the n-grams that drove the score (explaining
 * only what may be flagged keeps the common case fast).
 */
export function classifierProvider(model: TextModel): SignalProvider {
  const version = `text-model@${model.meta.version}`;
  return {
    id: 'classifier',
    kinds: ['classifier'],
    version,
    provide(input: ScanInput): Signal[] {
      const text = input.normalized.text;
      if (text.trim().length < MIN_CHARS) return [];
      const p = model.predict(text);
      const signal: Signal = {
        provider: 'classifier',
        kind: 'classifier',
        score: round(p.score),
        evidence: [],
        version,
      };
      if (p.score >= EXPLAIN_FROM) {
        if (p.category) signal.category = p.category.id;
        signal.evidence = model
          .explain(text, 5)
          .map((c) => ({ type: 'feature' as const, name: c.feature, weight: c.weight }));
      }
      return [signal];
    },
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
