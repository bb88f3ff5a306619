import { AppError } from '../core/index.js';
import type { AssessmentStore, CaseStore, ItemStore, ReviewStore } from '../storage/ports.js';
import { dsaRemovalFromDecision } from './dsa-from-decision.js';
import { buildDsaStatement, type DsaPolicy } from './dsa-statement.js';
import type { DsaStatement } from './dsa-statement-schema.js';

/**
 * DSA statements read from the store: one for a case (`GET /api/cases/:id/statement`), and all
 * removals of a period in batches (`rasd dsa export`).
 */

type Deps = Pick<ReviewStore, 'getReviewCase' | 'listDecidedCases'> &
  Pick<ItemStore, 'getItem'> &
  Pick<AssessmentStore, 'getAssessment'> &
  Pick<CaseStore, 'listCaseEvents'>;

/** The Transparency Database takes at most this many statements per `POST /api/v1/statements`. */
export const DSA_BATCH_LIMIT = 100;

/** The statement of a case's current decision; undefined when the case is not decided `remove`. */
export async function dsaStatementForCase(
  store: Deps,
  caseId: string,
  policy: DsaPolicy,
): Promise<DsaStatement | undefined> {
  const view = await store.getReviewCase(caseId);
  const decision = view?.decision;
  if (view === undefined || decision === undefined || decision.outcome !== 'remove') return undefined;
  const [item, assessment, events] = await Promise.all([
    store.getItem(view.itemKey),
    store.getAssessment(view.itemKey),
    store.listCaseEvents(caseId),
  ]);
  if (item === undefined) {
    throw new AppError('NOT_FOUND', {
      detail: `the item of case ${caseId} is no longer stored`,
      pointer: '/params/id',
    });
  }
  const removal = dsaRemovalFromDecision({
    decision,
    item,
    assessment,
    lang: view.lang,
    openedByScan: events.some((e) => e.type === 'case.opened'),
  });
  return buildDsaStatement(removal, policy);
}

export interface DsaExport {
  statements: DsaStatement[];
  /** Removals that could not make a valid statement: the case and why (never content). */
  refused: { caseId: string; reason: string }[];
}

/** Every `remove` decision taken in [from, to) (ISO times; either open), as statements. */
export async function dsaStatementsForPeriod(
  store: Deps,
  policy: DsaPolicy,
  range: { from?: string; to?: string },
): Promise<DsaExport> {
  const out: DsaExport = { statements: [], refused: [] };
  let cursor: string | undefined;
  do {
    const page = await store.listDecidedCases(500, cursor);
    for (const { caseId, decision } of page.rows) {
      if (decision.outcome !== 'remove') continue;
      if (range.from !== undefined && decision.decidedAt < range.from) continue;
      if (range.to !== undefined && decision.decidedAt >= range.to) continue;
      try {
        const statement = await dsaStatementForCase(store, caseId, policy);
        if (statement !== undefined) out.statements.push(statement);
      } catch (error) {
        out.refused.push({ caseId, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

/** `{"statements": [...]}` bodies of at most `DSA_BATCH_LIMIT` each, in order. */
export function dsaStatementBatches(statements: readonly DsaStatement[]): { statements: DsaStatement[] }[] {
  const batches: { statements: DsaStatement[] }[] = [];
  for (let i = 0; i < statements.length; i += DSA_BATCH_LIMIT) {
    batches.push({ statements: statements.slice(i, i + DSA_BATCH_LIMIT) });
  }
  return batches;
}
