import type { Category, Tactic } from './taxonomy.js';

/**
 * A Signal is what one provider says about one item. Many signals make an Assessment; the
 * policy, not the provider, turns them into a verdict.
 */
export const SIGNAL_KINDS = [
  'classifier',
  'lexicon',
  'bank-match',
  'tactic',
  'link',
  'lineage',
  'test-marker',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Where in the item a signal points: offsets are UTF-16 code units into `Item.text`. */
export interface SpanEvidence {
  type: 'span';
  start: number;
  end: number;
  /** The lexicon term or rule that matched, never a copy of the message. */
  term?: string;
}

export interface EntryEvidence {
  type: 'entry';
  /** A lexicon or bank entry id. */
  entry: string;
  distance?: number;
  source?: string;
}

export interface FeatureEvidence {
  type: 'feature';
  name: string;
  weight: number;
}

export type Evidence = SpanEvidence | EntryEvidence | FeatureEvidence;

export interface Signal {
  provider: string;
  kind: SignalKind;
  score: number;
  category?: Category;
  org?: string;
  tactic?: Tactic;
  /** A short machine label of what matched (e.g. `org-name`, `media-outlet`). */
  label?: string;
  evidence: Evidence[];
  /** Version of the model, lexicon or bank that produced it. */
  version: string;
}
