import type { Category } from './taxonomy.js';

/**
 * A Case asks a human to look at an item. Its history is an append-only list of events; the
 * status is derived from them, so the audit trail and the queue cannot disagree.
 */
export const CASE_STATUSES = ['open', 'assigned', 'decided', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const DECISION_OUTCOMES = ['remove', 'keep', 'escalate'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface Case {
  id: string;
  itemKey: string;
  status: CaseStatus;
  queue: string;
  /** Higher first. Derived from severity and confidence when opened. */
  priority: number;
  reason: string;
  openedAt: string;
  updatedAt: string;
}

export interface Decision {
  caseId: string;
  outcome: DecisionOutcome;
  category?: Category;
  policyRef?: string;
  note?: string;
  reviewer: string;
  decidedAt: string;
}

export type CaseEvent =
  | { type: 'case.opened'; caseId: string; at: string; queue: string; reason: string }
  | { type: 'case.assigned'; caseId: string; at: string; reviewer: string }
  | { type: 'decision.recorded'; caseId: string; at: string; decision: Decision }
  | { type: 'case.closed'; caseId: string; at: string; reason: string }
  /* Review lifecycle (review/cases). A claim is a lock with an end, so a reviewer who walks away frees the case. */
  | { type: 'case.claimed'; caseId: string; at: string; reviewer: string; expiresAt: string }
  | { type: 'case.released'; caseId: string; at: string; reviewer: string }
  /** Reopens a decided case; whoever decided it before may not decide it again. */
  | { type: 'case.appealed'; caseId: string; at: string; by: string; reason: string }
  /** Dual control: a bank add is only a request until a second, different reviewer confirms it. */
  | { type: 'bank-add.requested'; caseId: string; at: string; requestId: string; reviewer: string; bank: string }
  | { type: 'bank-add.confirmed'; caseId: string; at: string; requestId: string; reviewer: string };
