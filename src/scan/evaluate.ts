import { type Item, itemSchema, type Verdict } from '../core/index.js';
import type { Scanner } from './scanner.js';

/** A labelled text; only `text` reaches the scanner, the rest is used to break figures down. */
export interface EvalRow {
  text: string;
  label: 'tvec' | 'benign';
  lang?: string;
  source?: string;
  category?: string;
}

export interface Rates {
  n: number;
  /** Share of TVEC rows flagged; null when the slice has none. */
  recall: number | null;
  /** Share of benign rows flagged; null when the slice has none. */
  fpr: number | null;
}

export interface Figures {
  n: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport extends Figures {
  byLang: Record<string, Rates>;
  bySource: Record<string, Rates>;
  byCategory: Record<string, Rates>;
  /** The same figures counting only `violating` as predicted TVEC. */
  violating: Figures;
}

interface Tally {
  tvec: number;
  tvecFlagged: number;
  benign: number;
  benignFlagged: number;
}

const emptyTally = (): Tally => ({ tvec: 0, tvecFlagged: 0, benign: 0, benignFlagged: 0 });

/** The item a bare text becomes for evaluation: nothing but the text reaches the scanner. */
export function evalItem(text: string, index: number): Item {
  return itemSchema.parse({
    chat: { id: 'eval' },
    messageId: String(index + 1),
    postedAt: '2024-01-01T00:00:00Z',
    text,
  });
}

/**
 * Runs every row's text through the whole text path (the scanner: normalisation, lexicon,
 * classifier, banks, policy) and counts a row as predicted TVEC when it is flagged —
 * `violating` or `review` — as a reviewer's queue would see it.
 */
export async function evaluateRows(rows: readonly EvalRow[], scanner: Scanner): Promise<EvalReport> {
  return reportFrom(rows, await scanVerdicts(rows, scanner));
}

/** The verdict of each row's text, in order; slices of a run can then be reported without rescanning. */
export async function scanVerdicts(rows: readonly EvalRow[], scanner: Scanner): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const [i, row] of rows.entries()) {
    const out = scanner.scan(evalItem(row.text, i));
    verdicts.push((out instanceof Promise ? await out : out).assessment.verdict);
  }
  return verdicts;
}

export function reportFrom(rows: readonly EvalRow[], verdicts: readonly Verdict[]): EvalReport {
  const slices = {
    byLang: new Map<string, Tally>(),
    bySource: new Map<string, Tally>(),
    byCategory: new Map<string, Tally>(),
  };
  rows.forEach((row, i) => {
    const flagged = verdicts[i] !== 'clear';
    for (const [map, key] of [
      [slices.byLang, row.lang ?? 'und'],
      [slices.bySource, row.source ?? 'unknown'],
      [slices.byCategory, row.category || row.label],
    ] as const) {
      const t = map.get(key) ?? emptyTally();
      if (row.label === 'tvec') {
        t.tvec++;
        if (flagged) t.tvecFlagged++;
      } else {
        t.benign++;
        if (flagged) t.benignFlagged++;
      }
      map.set(key, t);
    }
  });
  return {
    ...figures(rows, (i) => verdicts[i] !== 'clear'),
    byLang: rates(slices.byLang),
    bySource: rates(slices.bySource),
    byCategory: rates(slices.byCategory),
    violating: figures(rows, (i) => verdicts[i] === 'violating'),
  };
}

function figures(rows: readonly EvalRow[], predicted: (i: number) => boolean): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  rows.forEach((row, i) => {
    const p = predicted(i);
    if (row.label === 'tvec') p ? tp++ : fn++;
    else if (p) fp++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: rows.length, precision: round(precision), recall: round(recall), f1: round(f1) };
}

function rates(map: Map<string, Tally>): Record<string, Rates> {
  const out: Record<string, Rates> = {};
  for (const [key, t] of [...map].sort((a, b) => a[0].localeCompare(b[0]))) {
    out[key] = {
      n: t.tvec + t.benign,
      recall: t.tvec === 0 ? null : round(t.tvecFlagged / t.tvec),
      fpr: t.benign === 0 ? null : round(t.benignFlagged / t.benign),
    };
  }
  return out;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
