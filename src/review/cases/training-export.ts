import { type Decision, VIOLATING_CATEGORY_IDS } from '../../core/index.js';

/**
 * A row of the training format (`../shared/data/tvec/README.md`). Declared here rather than
 * imported from detect/ (review may not import detect); the export test checks it against
 * `trainingRowSchema`, so the two cannot drift apart unnoticed.
 */
export interface ReviewTrainingRow {
  id: string;
  text: string;
  label: 'tvec' | 'benign';
  category: string;
  lang: string;
  source: 'rasd-review';
  group: string;
  quality: 'gold';
}

export interface DecidedItem {
  decision: Decision;
  itemKey: string;
  text: string;
  lang: string;
}

const VIOLATING = new Set<string>(VIOLATING_CATEGORY_IDS);

/**
 * A reviewer's decision as a labelled row, so reviewers teach the classifier. Only verdicts
 * become rows: an escalation is a question, and a removal without a violating category says
 * what to do, not what the text is. Rows are grouped by chat, so a split keeps a channel whole.
 */
export function decisionToTrainingRow(d: DecidedItem): ReviewTrainingRow | undefined {
  const { decision } = d;
  const category = decision.category ?? '';
  let label: ReviewTrainingRow['label'];
  if (decision.outcome === 'remove' && VIOLATING.has(category)) label = 'tvec';
  else if (decision.outcome === 'keep') label = 'benign';
  else return undefined;
  return {
    id: `rasd-review:${decision.caseId}`,
    text: d.text,
    label,
    category: label === 'benign' && VIOLATING.has(category) ? 'other' : category || 'other',
    lang: d.lang || 'und',
    source: 'rasd-review',
    group: chatOf(d.itemKey),
    quality: 'gold',
  };
}

/** `platform/chat/message/version` → `platform/chat`. */
function chatOf(itemKey: string): string {
  return itemKey.split('/').slice(0, 2).join('/');
}

export function toJsonl(rows: readonly ReviewTrainingRow[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}
