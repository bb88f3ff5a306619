import type { CaseEvent } from '../../core/index.js';
import { activeClaim, type CaseState } from './case-state.js';
import { type CommandResult, refuse } from './refusal.js';

export type ClaimEvent = Extract<CaseEvent, { type: 'case.claimed' }>;
export type ReleaseEvent = Extract<CaseEvent, { type: 'case.released' }>;

export interface ClaimRequest {
  reviewer: string;
  now: Date;
  /** How long the lock lasts; renewing starts it again from `now`. */
  ttlMs: number;
  /** The case is graphic and the reviewer is at their daily cap (see `wellbeing.ts`). */
  overGraphicCap?: boolean;
}

/**
 * Locks the case for one reviewer. The holder may renew; anyone else waits until the claim
 * expires, so a reviewer who leaves mid-case does not strand it.
 */
export function claimCase(state: CaseState, request: ClaimRequest): CommandResult<ClaimEvent> {
  const { reviewer, now } = request;
  if (state.status === 'decided' || state.status === 'closed') {
    return refuse('CASE_CLOSED', `case ${state.caseId} is ${state.status}`);
  }
  if (state.barred.includes(reviewer)) {
    return refuse('BARRED_AFTER_APPEAL', `${reviewer} decided case ${state.caseId} before its appeal`);
  }
  const held = activeClaim(state, now);
  if (held && held.reviewer !== reviewer) {
    return refuse('CLAIMED_BY_OTHER', `case ${state.caseId} is claimed until ${held.expiresAt}`);
  }
  // A renewal is not a new exposure, so only a fresh claim is stopped by the cap.
  if (!held && request.overGraphicCap) {
    return refuse('WELLBEING_CAP', `${reviewer} has reached today's cap on graphic cases`);
  }
  const expiresAt = new Date(now.getTime() + request.ttlMs).toISOString();
  return {
    ok: true,
    event: { type: 'case.claimed', caseId: state.caseId, at: now.toISOString(), reviewer, expiresAt },
  };
}

/** Gives the case back before the claim runs out. Only the holder can. */
export function releaseCase(state: CaseState, reviewer: string, now: Date): CommandResult<ReleaseEvent> {
  const held = activeClaim(state, now);
  if (!held || held.reviewer !== reviewer) {
    return refuse('NOT_CLAIM_HOLDER', `${reviewer} does not hold case ${state.caseId}`);
  }
  return { ok: true, event: { type: 'case.released', caseId: state.caseId, at: now.toISOString(), reviewer } };
}
