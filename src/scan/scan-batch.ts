import {
  type Action,
  type ActionKind,
  type Assessment,
  type Case,
  type CaseEvent,
  newId,
  severityRank,
} from '../core/index.js';
import type { PolicyOutcome } from './policy/index.js';

const ACTION_TARGETS: Record<ActionKind, string> = {
  delete: 'telegram',
  ban: 'telegram',
  restrict: 'telegram',
  'ban-sender-chat': 'telegram',
  refer: 'referral',
  webhook: 'webhook',
};

/** The case and outbox rows that a fresh assessment asks for. */
export function followUps(
  assessment: Assessment,
  outcome: PolicyOutcome,
): { cases: Case[]; caseEvents: CaseEvent[]; actions: Action[] } {
  const at = assessment.scannedAt;
  const reason = outcome.rules.join(',');
  const cases: Case[] = [];
  const caseEvents: CaseEvent[] = [];
  if (assessment.needsReview) {
    const id = newId('case');
    const queue = outcome.queue;
    cases.push({
      id,
      itemKey: assessment.itemKey,
      status: 'open',
      queue,
      priority: severityRank(assessment.severity) * 100 + Math.round(assessment.confidence * 99),
      reason,
      openedAt: at,
      updatedAt: at,
    });
    caseEvents.push({ type: 'case.opened', caseId: id, at, queue, reason });
  }
  // A case under review holds its actions back: the reviewer's decision releases them later.
  const actions: Action[] = assessment.needsReview
    ? []
    : assessment.requestedActions.map((kind) => ({
        id: newId('act'),
        itemKey: assessment.itemKey,
        kind,
        target: ACTION_TARGETS[kind],
        status: 'requested',
        attempts: 0,
        requestedAt: at,
        reason: `policy:${reason}`,
      }));
  return { cases, caseEvents, actions };
}
