import { type Example, margin, type TrainOptions, trainLogistic } from './linear.js';
import { keyFraction, type TrainingRow } from './training-row.js';

/**
 * What to do with account-level weak labels ("this account is pro-ISIS, so every post is TVEC").
 * Those accounts also relay news, greet, reply and quote scripture, and the silver rows labelled
 * one by one from the same accounts say most such posts are not TVEC — so the weak label is right
 * about the account and often wrong about the row.
 *
 * - `keep`: every weak row is a positive, like a gold one.
 * - `clean`: cross-fitted label cleaning (in the spirit of confident learning). The weak rows'
 *   accounts are dealt into folds; for each fold a model is trained on everything except that
 *   fold's weak rows and scores them. A weak row that the rest of the data — gold, silver, the
 *   other accounts' weak rows and every benign source — calls benign (probability below
 *   `dropBelow`) is left out of the final training. It is not relabelled benign: it came from
 *   an extremist account and may be a coded message; it is only not trusted as a positive.
 * - `vet`: one teacher trained on the rows labelled one by one *in the sources that carry weak
 *   labels* (the silver rows of the same accounts: what those accounts post that is and is not
 *   TVEC) scores every weak positive; those below `dropBelow` are left out. Unlike `clean`, the
 *   teacher has never seen a weak row, so the accounts' news relays cannot vouch for one
 *   another; unlike a teacher on all trusted rows, it is not swamped by the benign collections.
 */
export type WeakLabelMode = 'keep' | 'clean' | 'vet';

export interface WeakLabelCleaning {
  folds: number;
  /** Out-of-fold probability below which a weak positive is not trusted. */
  dropBelow: number;
}

/**
 * 0.3 rather than 0.5: on dev, 0.5 drops a quarter of the weak rows and starts to cost news
 * false positives (world news 4.3 % → 5.6 %); 0.3 drops about one in seven and costs none.
 */
export const DEFAULT_WEAK_CLEANING: WeakLabelCleaning = { folds: 4, dropBelow: 0.3 };

export interface WeakLabelReport {
  mode: WeakLabelMode;
  weakRows: number;
  dropped: number;
  folds?: number;
  dropBelow?: number;
}

interface Labelled {
  row: TrainingRow;
  example: Example;
}

/** The rows to train on after the weak-label treatment, and what it did. */
export function treatWeakLabels<T extends Labelled>(
  prepared: readonly T[],
  mode: WeakLabelMode,
  train: TrainOptions,
  cleaning: WeakLabelCleaning = DEFAULT_WEAK_CLEANING,
): { rows: T[]; report: WeakLabelReport } {
  const weak = prepared.filter((p) => p.row.quality === 'weak' && p.example.y === 1);
  if (mode === 'keep' || weak.length === 0)
    return { rows: [...prepared], report: { mode, weakRows: weak.length, dropped: 0 } };
  if (mode === 'vet') {
    const weakSources = new Set(weak.map((p) => p.row.source));
    const teacher = trainLogistic(
      prepared.filter((p) => p.row.quality !== 'weak' && weakSources.has(p.row.source)).map((p) => p.example),
      { ...train, seed: train.seed + 100 },
    );
    const threshold = logit(cleaning.dropBelow);
    const distrusted = new Set(weak.filter((p) => margin(teacher, p.example.x) < threshold));
    return {
      rows: prepared.filter((p) => !distrusted.has(p)),
      report: { mode, weakRows: weak.length, dropped: distrusted.size, dropBelow: cleaning.dropBelow },
    };
  }
  const foldOf = (p: T) =>
    Math.floor(keyFraction(`fold:${p.row.group || p.row.source}`, train.seed + 3) * cleaning.folds);
  const distrusted = new Set<T>();
  const threshold = logit(cleaning.dropBelow);
  for (let fold = 0; fold < cleaning.folds; fold++) {
    const held = new Set(weak.filter((p) => foldOf(p) === fold));
    if (held.size === 0) continue;
    const model = trainLogistic(
      prepared.filter((p) => !held.has(p)).map((p) => p.example),
      { ...train, seed: train.seed + 100 + fold },
    );
    for (const p of held) if (margin(model, p.example.x) < threshold) distrusted.add(p);
  }
  return {
    rows: prepared.filter((p) => !distrusted.has(p)),
    report: {
      mode,
      weakRows: weak.length,
      dropped: distrusted.size,
      folds: cleaning.folds,
      dropBelow: cleaning.dropBelow,
    },
  };
}

const logit = (p: number) => Math.log(p / (1 - p));
