import type { CaseEvent } from '../../core/index.js';
import type { CaseState } from './case-state.js';
import { type CommandResult, refuse } from './refusal.js';

export type BankAddRequestEvent = Extract<CaseEvent, { type: 'bank-add.requested' }>;
export type BankAddConfirmEvent = Extract<CaseEvent, { type: 'bank-add.confirmed' }>;

/**
 * Asks for the item's hashes to go into a bank. A bank entry removes content everywhere it
 * reappears, so one reviewer's word is not enough: the request waits for `confirmBankAdd`.
 */
export function requestBankAdd(
  state: CaseState,
  input: { reviewer: string; bank: string; now: Date },
): CommandResult<BankAddRequestEvent> {
  if (state.decision?.outcome !== 'remove' || state.status !== 'decided') {
    return refuse('BANK_ADD_NEEDS_REMOVAL', `case ${state.caseId} has no standing removal decision`);
  }
  const at = input.now.toISOString();
  // Deterministic, so a retried request names the same request.
  const requestId = `${state.caseId}:${input.bank}:${at}`;
  return {
    ok: true,
    event: {
      type: 'bank-add.requested',
      caseId: state.caseId,
      at,
      requestId,
      reviewer: input.reviewer,
      bank: input.bank,
    },
  };
}

/** The second pair of eyes: anyone but the requester may confirm, once. */
export function confirmBankAdd(
  state: CaseState,
  input: { requestId: string; reviewer: string; now: Date },
): CommandResult<BankAddConfirmEvent> {
  const request = state.bankAdds.find((r) => r.requestId === input.requestId);
  if (!request) return refuse('BANK_ADD_UNKNOWN', `no bank add ${input.requestId} on case ${state.caseId}`);
  if (request.confirmedBy !== undefined) return refuse('BANK_ADD_DONE', `bank add ${input.requestId} is confirmed`);
  if (request.requestedBy === input.reviewer) {
    return refuse('SAME_REVIEWER', 'dual control: the requester cannot confirm their own bank add');
  }
  return {
    ok: true,
    event: {
      type: 'bank-add.confirmed',
      caseId: state.caseId,
      at: input.now.toISOString(),
      requestId: input.requestId,
      reviewer: input.reviewer,
    },
  };
}
