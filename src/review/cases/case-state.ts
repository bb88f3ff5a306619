import type { CaseEvent, CaseStatus, Decision } from '../../core/index.js';

/** A claim: one reviewer holds the case until `expiresAt`; after that anyone may take it. */
export interface ClaimHold {
  reviewer: string;
  expiresAt: string;
}

export interface BankAddRequest {
  requestId: string;
  bank: string;
  requestedBy: string;
  requestedAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
}

/** What a case's events add up to. The events stay the truth; this is rebuilt from them. */
export interface CaseState {
  caseId: string;
  status: CaseStatus;
  /** The claim as recorded; whether it still holds depends on the clock (see `activeClaim`). */
  claim?: ClaimHold;
  /** The latest decision: after an appeal the new one replaces the old. */
  decision?: Decision;
  /** Reopened by an appeal and not yet decided again. */
  appealed: boolean;
  /** Reviewers who decided this case before an appeal: an appeal must reach fresh eyes. */
  barred: string[];
  bankAdds: BankAddRequest[];
  /** How many events were folded: the version an append must expect. */
  version: number;
  updatedAt: string;
}

export function emptyCaseState(caseId: string): CaseState {
  return { caseId, status: 'open', appealed: false, barred: [], bankAdds: [], version: 0, updatedAt: '' };
}

/** Folds events, oldest first, into the case's state. Unknown request ids are ignored, not fatal. */
export function projectCase(caseId: string, events: readonly CaseEvent[]): CaseState {
  return events.reduce(applyEvent, emptyCaseState(caseId));
}

export function applyEvent(state: CaseState, event: CaseEvent): CaseState {
  const next: CaseState = { ...applyKind(state, event), version: state.version + 1, updatedAt: event.at };
  return next;
}

function applyKind(s: CaseState, e: CaseEvent): CaseState {
  switch (e.type) {
    case 'case.opened':
      return { ...s, status: 'open' };
    case 'case.assigned':
      return { ...s, status: 'assigned', claim: { reviewer: e.reviewer, expiresAt: '9999-12-31T23:59:59.999Z' } };
    case 'case.claimed':
      return { ...s, status: 'assigned', claim: { reviewer: e.reviewer, expiresAt: e.expiresAt } };
    case 'case.released': {
      const { claim: _released, ...rest } = s;
      return { ...rest, status: 'open' };
    }
    case 'decision.recorded': {
      const { claim: _done, ...rest } = s;
      return { ...rest, status: 'decided', decision: e.decision, appealed: false };
    }
    case 'case.appealed': {
      const decider = s.decision?.reviewer;
      const barred = decider && !s.barred.includes(decider) ? [...s.barred, decider] : s.barred;
      return { ...s, status: 'open', appealed: true, barred };
    }
    case 'case.closed':
      return { ...s, status: 'closed' };
    case 'bank-add.requested':
      return {
        ...s,
        bankAdds: [...s.bankAdds, { requestId: e.requestId, bank: e.bank, requestedBy: e.reviewer, requestedAt: e.at }],
      };
    case 'bank-add.confirmed':
      return {
        ...s,
        bankAdds: s.bankAdds.map((r) =>
          r.requestId === e.requestId ? { ...r, confirmedBy: e.reviewer, confirmedAt: e.at } : r,
        ),
      };
  }
}

/** The claim if it still holds at `now`; an expired claim is no claim. */
export function activeClaim(state: CaseState, now: Date): ClaimHold | undefined {
  const claim = state.claim;
  return claim && Date.parse(claim.expiresAt) > now.getTime() ? claim : undefined;
}

export function pendingBankAdds(state: CaseState): BankAddRequest[] {
  return state.bankAdds.filter((r) => r.confirmedBy === undefined);
}
