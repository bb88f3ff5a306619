import { AppError, type Assessment, type Decision, type Item, isViolatingCategory } from '../core/index.js';
import type { DsaRemoval } from './dsa-statement.js';

/**
 * The `DsaRemoval` of a reviewer's `remove` decision, from the decision, its item and the item's
 * assessment. Pure: the caller reads the store (`dsa-case-statement.ts`).
 */

export interface DecidedRemoval {
  decision: Decision;
  item: Item;
  assessment?: Assessment | undefined;
  /** The review case's routing language (`ReviewCaseView.lang`): `ar`, `en`, or `und`, `mixed`… */
  lang?: string | undefined;
  /** The case was opened by a scan (a `case.opened` event), so a machine found the item. */
  openedByScan: boolean;
}

/**
 * `puid` allows only letters, digits, `-` and `_`, so the decision id `CASE@decidedAt` cannot be
 * used as it is. Case id plus the digits of the time stays unique per decision (an appeal's new
 * decision has a new time) and is the same on every export, so the database refuses a repeat.
 */
export function dsaPuid(decision: Pick<Decision, 'caseId' | 'decidedAt'>): string {
  return `${decision.caseId}-${decision.decidedAt.replace(/[^0-9A-Za-z]/g, '')}`;
}

/** The violating category the statement names: the reviewer's, else the machine's first violating one. */
function categoryOf(decision: Decision, assessment: Assessment | undefined): string {
  if (decision.category !== undefined) return decision.category;
  const found = assessment?.categories.find(isViolatingCategory);
  if (found !== undefined) return found;
  throw new AppError('INPUT_INVALID', {
    detail: `decision on case ${decision.caseId} names no violating category, nor does its assessment`,
    pointer: 'category',
  });
}

export function dsaRemovalFromDecision(input: DecidedRemoval): DsaRemoval {
  const { decision, item, assessment } = input;
  if (decision.outcome !== 'remove') {
    throw new AppError('INPUT_INVALID', {
      detail: `case ${decision.caseId} was decided "${decision.outcome}", not removed`,
      pointer: 'outcome',
    });
  }
  // Only a two-letter code is ISO 639-1; `und` and `mixed` leave the field out.
  const language = input.lang !== undefined && /^[a-z]{2}$/i.test(input.lang) ? input.lang : undefined;
  return {
    decisionId: dsaPuid(decision),
    decidedAt: decision.decidedAt,
    postedAt: item.postedAt,
    category: categoryOf(decision, assessment),
    mediaKinds: item.media.map((m) => m.kind),
    hasText: item.text.trim() !== '',
    ...(language !== undefined && { language }),
    automatedDetection: input.openedByScan,
    // A reviewer made the decision, whatever found the item.
    automation: 'none',
  };
}
