import type { Verdict } from '../core/index.js';
import { obfuscatedCopies, type Strength } from '../detect/text/obfuscate/index.js';
import { type EvalRow, reportFrom } from './evaluate.js';

export interface TacticRecall {
  n: number;
  recall: number;
}

export interface CopiesRecall {
  n: number;
  recall: number;
  byTactic: Record<string, TacticRecall>;
}

/** Recall on disguised copies of the TVEC rows: light ones at the top level, heavy ones below. */
export interface ObfuscatedRecall extends CopiesRecall {
  cleanRecall: number;
  heavy: CopiesRecall;
}

/** Verdicts for rows, in order: the whole text path for Rasd, a bare model for a baseline. */
export type VerdictsOf = (rows: readonly EvalRow[]) => Verdict[] | Promise<Verdict[]>;

/**
 * Scores disguised copies of every TVEC row (see `obfuscatedCopies`), light and heavy, next to
 * recall on the clean rows. Shared by `rasd eval --obfuscated` and the baseline bench so both
 * are measured on the same copies; every copy is scanned once.
 */
export async function obfuscatedRecall(rows: readonly EvalRow[], verdictsOf: VerdictsOf): Promise<ObfuscatedRecall> {
  const positives = rows.filter((r) => r.label === 'tvec');
  const clean = reportFrom(positives, await verdictsOf(positives));
  const light = await copiesRecall(positives, 'light', verdictsOf);
  const heavy = await copiesRecall(positives, 'heavy', verdictsOf);
  return { n: light.n, cleanRecall: clean.recall, recall: light.recall, byTactic: light.byTactic, heavy };
}

async function copiesRecall(positives: readonly EvalRow[], strength: Strength, verdictsOf: VerdictsOf) {
  const copies = obfuscatedCopies(positives, strength);
  const verdicts = await verdictsOf(copies);
  const byTactic: Record<string, TacticRecall> = {};
  for (const tactic of new Set(copies.map((c) => c.tactic))) {
    const at = copies.flatMap((c, i) => (c.tactic === tactic ? [i] : []));
    const slice = reportFrom(
      at.map((i) => copies[i] as EvalRow),
      at.map((i) => verdicts[i] as Verdict),
    );
    byTactic[tactic] = { n: at.length, recall: slice.recall };
  }
  return { n: copies.length, recall: reportFrom(copies, verdicts).recall, byTactic };
}
