import { describe, expect, it } from 'vitest';
import { buildReferralBatches } from './referral-batch.js';
import {
  applyOutcome,
  outcomeFromRecheck,
  outcomesForBatch,
  parseOutcomeCallback,
  type ReferralOutcome,
  summariseOutcomes,
} from './referral-outcome.js';
import { signWebhookBody } from './webhook-signature.js';

const SECRET = 'callback-secret-not-real';
const REFERRED = '2026-01-10T13:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(REFERRED) + minutes * 60_000).toISOString();

const pending = (decisionId: string): ReferralOutcome => ({
  decisionId,
  itemLink: `https://t.me/synthetic/${decisionId}`,
  batchId: 'ref_x',
  referredAt: REFERRED,
  status: 'pending',
});

describe('outcomesForBatch', () => {
  it('starts every item pending at the batch time', () => {
    const [batch] = buildReferralBatches(
      [
        {
          decisionId: 'd1',
          decidedAt: '2026-01-10T12:30:00Z',
          platform: 'telegram',
          chat: { id: '-1001', username: 'synthetic' },
          messageId: '1',
          category: 'praise',
          evidence: {},
        },
      ],
      { now: () => Date.parse(REFERRED) },
    );
    expect(outcomesForBatch(batch!)).toEqual([
      {
        decisionId: 'd1',
        itemLink: 'https://t.me/synthetic/1',
        batchId: batch!.batchId,
        referredAt: REFERRED,
        status: 'pending',
      },
    ]);
  });
});

describe('applyOutcome', () => {
  it('measures time to removal from the referral', () => {
    const removed = applyOutcome(pending('a'), { status: 'removed', observedAt: at(42), source: 'recheck' });
    expect(removed).toMatchObject({ status: 'removed', timeToRemovalMs: 42 * 60_000, source: 'recheck' });
  });

  it('keeps a removal once seen and a refusal against an inconclusive re-check', () => {
    const removed = applyOutcome(pending('a'), { status: 'removed', observedAt: at(10), source: 'callback' });
    expect(applyOutcome(removed, { status: 'unknown', observedAt: at(20), source: 'recheck' })).toBe(removed);
    const refused = applyOutcome(pending('b'), { status: 'refused', observedAt: at(5), source: 'callback' });
    expect(applyOutcome(refused, { status: 'unknown', observedAt: at(20), source: 'recheck' }).status).toBe('refused');
    const reopened = applyOutcome(refused, { status: 'pending', observedAt: at(30), source: 'callback' });
    expect(reopened).toMatchObject({ status: 'pending', observedAt: at(30) });
    expect(applyOutcome(removed, { status: 'pending', observedAt: at(30), source: 'callback' })).toBe(removed);
    const later = applyOutcome(refused, { status: 'removed', observedAt: at(60), source: 'recheck' });
    expect(later).toMatchObject({ status: 'removed', timeToRemovalMs: 60 * 60_000 });
  });

  it('maps re-check results', () => {
    expect(outcomeFromRecheck('gone', at(1))).toEqual({ status: 'removed', observedAt: at(1), source: 'recheck' });
    expect(outcomeFromRecheck('present', at(1))).toEqual({ status: 'pending' });
    expect(outcomeFromRecheck('error', at(1))).toMatchObject({ status: 'unknown' });
  });
});

describe('parseOutcomeCallback', () => {
  const now = () => Date.parse(at(30));
  const body = (data: unknown, sentAt = Math.floor(now() / 1000)) =>
    JSON.stringify({ type: 'referral.outcome', sentAt, data });

  it('accepts a signed callback', () => {
    const raw = body({ decisionId: 'd1', status: 'removed', observedAt: at(25) });
    expect(parseOutcomeCallback(raw, signWebhookBody(raw, SECRET), SECRET, { toleranceSeconds: 300, now })).toEqual({
      ok: true,
      decisionId: 'd1',
      update: { status: 'removed', observedAt: at(25), source: 'callback' },
    });
  });

  it('refuses a bad signature, an expired one and an invalid payload', () => {
    const raw = body({ decisionId: 'd1', status: 'removed', observedAt: at(25) });
    const opts = { toleranceSeconds: 300, now };
    expect(parseOutcomeCallback(raw, signWebhookBody(raw, 'wrong'), SECRET, opts)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const old = body({ decisionId: 'd1', status: 'removed', observedAt: at(25) }, Math.floor(now() / 1000) - 3600);
    expect(parseOutcomeCallback(old, signWebhookBody(old, SECRET), SECRET, opts)).toMatchObject({ reason: 'expired' });
    const bad = body({ decisionId: 'd1', status: 'deleted', observedAt: at(25) });
    expect(parseOutcomeCallback(bad, signWebhookBody(bad, SECRET), SECRET, opts)).toEqual({
      ok: false,
      reason: 'invalid-payload',
    });
  });
});

describe('summariseOutcomes', () => {
  it('counts by status and gives median and p90 time to removal', () => {
    const minutes = [5, 10, 15, 20, 25, 30, 35, 40, 45, 120];
    const outcomes = [
      ...minutes.map((m, i) =>
        applyOutcome(pending(`r${i}`), { status: 'removed', observedAt: at(m), source: 'recheck' }),
      ),
      applyOutcome(pending('x'), { status: 'refused', observedAt: at(3), source: 'callback' }),
      applyOutcome(pending('y'), { status: 'unknown', observedAt: at(3), source: 'recheck' }),
      pending('z'),
    ];
    const summary = summariseOutcomes(outcomes);
    expect(summary.total).toBe(13);
    expect(summary.byStatus).toEqual({ pending: 1, removed: 10, refused: 1, unknown: 1 });
    expect(summary.timeToRemoval).toEqual({ count: 10, medianMs: 27.5 * 60_000, p90Ms: 45 * 60_000 });
  });

  it('has no times when nothing was removed', () => {
    expect(summariseOutcomes([pending('a')]).timeToRemoval).toBeNull();
    expect(summariseOutcomes([]).byStatus).toEqual({ pending: 0, removed: 0, refused: 0, unknown: 0 });
  });
});
