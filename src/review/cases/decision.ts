import type { CaseEvent, Category, DecisionOutcome } from '../../core/index.js';
import { activeClaim, type CaseState } from './case-state.js';
import { type CommandResult, refuse } from './refusal.js';

export type DecisionEvent = Extract<CaseEvent, { type: 'decision.recorded' }>;
export type AppealEvent = Extract<CaseEvent, { type: 'case.appealed' }>;

export interface DecisionInput {
  reviewer: string;
  outcome: DecisionOutcome;
  category?: Category;
  policyRef?: string;
  note?: string;
  now: Date;
}

/** Records a verdict. Only the reviewer holding a live claim may decide: no drive-by decisions. */
export function decideCase(state: CaseState, input: DecisionInput): CommandResult<DecisionEvent> {
  if (state.status === 'decided' || state.status === 'closed') {
    return refuse('CASE_CLOSED', `case ${state.caseId} is ${state.status}`);
  }
  const held = activeClaim(state, input.now);
  if (!held || held.reviewer !== input.reviewer) {
    return refuse('NOT_CLAIM_HOLDER', `${input.reviewer} does not hold a live claim on case ${state.caseId}`);
  }
  const at = input.now.toISOString();
  const decision = {
    caseId: state.caseId,
    outcome: input.outcome,
    reviewer: input.reviewer,
    decidedAt: at,
    ...(input.category !== undefined && { category: input.category }),
    ...(input.policyRef !== undefined && { policyRef: input.policyRef }),
    ...(input.note !== undefined && { note: input.note }),
  };
  return { ok: true, event: { type: 'decision.recorded', caseId: state.caseId, at, decision } };
}

/**
 * Reopens a decided case. The original decider is barred from it (see `claimCase`), so the
 * appeal is heard by someone else.
 */
export function appealCase(state: CaseState, by: string, reason: string, now: Date): CommandResult<AppealEvent> {
  if (state.status !== 'decided') return refuse('CASE_NOT_DECIDED', `case ${state.caseId} is ${state.status}`);
  return { ok: true, event: { type: 'case.appealed', caseId: state.caseId, at: now.toISOString(), by, reason } };
}
