import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../core/index.js';
import { confirmBankAdd, requestBankAdd } from './bank-add.js';
import { activeClaim, applyEvent, type CaseState, projectCase } from './case-state.js';
import { claimCase, releaseCase } from './claim.js';
import { appealCase, decideCase } from './decision.js';
import { finalVerdict } from './final-verdict.js';
import type { CommandResult } from './refusal.js';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const TTL = 15 * 60_000;
const opened: CaseEvent = {
  type: 'case.opened',
  caseId: 'c1',
  at: T0.toISOString(),
  queue: 'praise/en/*',
  reason: 'r',
};

/** Applies a command that must succeed, so each step of a scenario reads as one line. */
function must<E extends CaseEvent>(state: CaseState, result: CommandResult<E>): CaseState {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.detail}`);
  return applyEvent(state, result.event);
}

const openCase = () => projectCase('c1', [opened]);
const claimed = (reviewer: string, minute = 0) =>
  must(openCase(), claimCase(openCase(), { reviewer, now: at(minute), ttlMs: TTL }));
const decidedBy = (reviewer: string, outcome: 'remove' | 'keep' | 'escalate' = 'remove') => {
  const s = claimed(reviewer);
  return must(s, decideCase(s, { reviewer, outcome, category: 'praise', policyRef: 'P-3', note: 'n', now: at(1) }));
};

describe('claims', () => {
  it('lock the case for one reviewer while they last', () => {
    const s = claimed('ana');
    expect(s.status).toBe('assigned');
    const other = claimCase(s, { reviewer: 'ben', now: at(5), ttlMs: TTL });
    expect(other).toMatchObject({ ok: false, code: 'CLAIMED_BY_OTHER' });
  });

  it('expire, and an expired claim can be taken by another reviewer', () => {
    const s = claimed('ana');
    expect(activeClaim(s, at(16))).toBeUndefined();
    const stolen = must(s, claimCase(s, { reviewer: 'ben', now: at(16), ttlMs: TTL }));
    expect(stolen.claim).toEqual({ reviewer: 'ben', expiresAt: at(31).toISOString() });
  });

  it('can be renewed by the holder, which pushes the expiry out', () => {
    const s = claimed('ana');
    const renewed = must(s, claimCase(s, { reviewer: 'ana', now: at(10), ttlMs: TTL }));
    expect(renewed.claim?.expiresAt).toBe(at(25).toISOString());
    expect(claimCase(renewed, { reviewer: 'ben', now: at(20), ttlMs: TTL }).ok).toBe(false);
  });

  it('can be released by the holder only', () => {
    const s = claimed('ana');
    expect(releaseCase(s, 'ben', at(1))).toMatchObject({ ok: false, code: 'NOT_CLAIM_HOLDER' });
    const released = must(s, releaseCase(s, 'ana', at(1)));
    expect(released.status).toBe('open');
    expect(claimCase(released, { reviewer: 'ben', now: at(2), ttlMs: TTL }).ok).toBe(true);
  });
});

describe('decisions', () => {
  it('are taken only by the reviewer holding the claim', () => {
    const s = claimed('ana');
    const input = { outcome: 'remove', category: 'praise', now: at(1) } as const;
    expect(decideCase(s, { ...input, reviewer: 'ben' })).toMatchObject({ ok: false, code: 'NOT_CLAIM_HOLDER' });
    expect(decideCase(openCase(), { ...input, reviewer: 'ana' })).toMatchObject({
      ok: false,
      code: 'NOT_CLAIM_HOLDER',
    });
    const decided = must(s, decideCase(s, { ...input, reviewer: 'ana', policyRef: 'P-3', note: 'n' }));
    expect(decided.status).toBe('decided');
    expect(decided.decision).toMatchObject({
      outcome: 'remove',
      category: 'praise',
      policyRef: 'P-3',
      reviewer: 'ana',
    });
    expect(decided.claim).toBeUndefined();
  });

  it('are refused once the claim has expired', () => {
    const s = claimed('ana');
    expect(decideCase(s, { reviewer: 'ana', outcome: 'keep', now: at(20) })).toMatchObject({ ok: false });
  });

  it('override the model: the reviewer has the last word', () => {
    expect(finalVerdict('violating', decidedBy('ana', 'keep'))).toEqual({ verdict: 'clear', by: 'reviewer' });
    expect(finalVerdict('clear', decidedBy('ana', 'remove'))).toEqual({ verdict: 'violating', by: 'reviewer' });
    expect(finalVerdict('violating', claimed('ana'))).toEqual({ verdict: 'violating', by: 'model' });
  });
});

describe('appeals', () => {
  it('reopen a decided case for a different reviewer; the original decider is barred', () => {
    const decided = decidedBy('ana');
    expect(appealCase(openCase(), 'user', 'why', at(2))).toMatchObject({ ok: false, code: 'CASE_NOT_DECIDED' });
    const appealed = must(decided, appealCase(decided, 'uploader', 'it is news', at(2)));
    expect(appealed).toMatchObject({ status: 'open', appealed: true, barred: ['ana'] });
    expect(claimCase(appealed, { reviewer: 'ana', now: at(3), ttlMs: TTL })).toMatchObject({
      ok: false,
      code: 'BARRED_AFTER_APPEAL',
    });
    const ben = must(appealed, claimCase(appealed, { reviewer: 'ben', now: at(3), ttlMs: TTL }));
    const redecided = must(ben, decideCase(ben, { reviewer: 'ben', outcome: 'keep', category: 'news', now: at(4) }));
    expect(redecided.decision?.outcome).toBe('keep');
    expect(finalVerdict('violating', redecided).verdict).toBe('clear');
  });
});

describe('dual control of bank adds', () => {
  it('needs a standing removal', () => {
    expect(requestBankAdd(decidedBy('ana', 'keep'), { reviewer: 'ana', bank: 'TVEC', now: at(2) })).toMatchObject({
      ok: false,
      code: 'BANK_ADD_NEEDS_REMOVAL',
    });
  });

  it('the requester cannot confirm their own bank add; a second reviewer can, once', () => {
    const decided = decidedBy('ana');
    const requested = must(decided, requestBankAdd(decided, { reviewer: 'ana', bank: 'TVEC', now: at(2) }));
    const [request] = requested.bankAdds;
    if (!request) throw new Error('no request');
    expect(request.confirmedBy).toBeUndefined();
    const self = confirmBankAdd(requested, { requestId: request.requestId, reviewer: 'ana', now: at(3) });
    expect(self).toMatchObject({ ok: false, code: 'SAME_REVIEWER' });
    const confirmed = must(
      requested,
      confirmBankAdd(requested, { requestId: request.requestId, reviewer: 'ben', now: at(3) }),
    );
    expect(confirmed.bankAdds[0]).toMatchObject({ confirmedBy: 'ben', requestedBy: 'ana' });
    expect(confirmBankAdd(confirmed, { requestId: request.requestId, reviewer: 'cy', now: at(4) })).toMatchObject({
      ok: false,
      code: 'BANK_ADD_DONE',
    });
    expect(confirmBankAdd(confirmed, { requestId: 'nope', reviewer: 'cy', now: at(4) })).toMatchObject({
      ok: false,
      code: 'BANK_ADD_UNKNOWN',
    });
  });
});

describe('the projection', () => {
  it('counts events and keeps legacy assignments as a claim that does not expire', () => {
    const s = projectCase('c1', [
      opened,
      { type: 'case.assigned', caseId: 'c1', at: at(1).toISOString(), reviewer: 'ana' },
    ]);
    expect(s.version).toBe(2);
    expect(activeClaim(s, at(60 * 24 * 365))?.reviewer).toBe('ana');
  });
});
