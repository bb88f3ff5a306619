import { z } from 'zod';
import { REFERRAL_STATUSES, type ReferralBatch, type ReferralOutcome, type ReferralStatus } from '../core/index.js';

export { REFERRAL_STATUSES, type ReferralOutcome, type ReferralStatus };

import { type SignatureFailure, verifyWebhookSignature } from './webhook-signature.js';

/**
 * What became of each referred item. A platform tells us through a signed callback, or a re-check
 * observes it; time-to-removal runs from the referral to the first observed removal, so it is
 * measured rather than guessed.
 */

export interface OutcomeUpdate {
  /** `pending` from a platform means "still under review": it may reopen a refusal, never a removal. */
  status: ReferralStatus;
  observedAt: string;
  source: 'callback' | 'recheck';
}

/** Every item of a batch starts pending, referred when the batch was created. */
export function outcomesForBatch(batch: ReferralBatch): ReferralOutcome[] {
  return batch.items.map((item) => ({
    decisionId: item.decisionId,
    itemLink: item.itemLink,
    batchId: batch.batchId,
    referredAt: batch.createdAt,
    status: 'pending',
  }));
}

/**
 * Applies an observation. `removed` is final: a later "unknown" (the re-check could not reach the
 * platform) or "refused" (a stale callback) must not undo a removal already seen.
 */
export function applyOutcome(outcome: ReferralOutcome, update: OutcomeUpdate): ReferralOutcome {
  if (outcome.status === 'removed') return outcome;
  // An inconclusive re-check says nothing new about a decided referral.
  if (update.status === 'unknown' && outcome.status === 'refused') return outcome;
  const next: ReferralOutcome = {
    ...outcome,
    status: update.status,
    observedAt: update.observedAt,
    source: update.source,
  };
  if (update.status === 'removed') {
    next.timeToRemovalMs = Math.max(0, Date.parse(update.observedAt) - Date.parse(outcome.referredAt));
  }
  return next;
}

/**
 * What a re-check of the item's link found: gone means removed, still there means pending,
 * and an error (timeout, platform unavailable) is unknown.
 */
export function outcomeFromRecheck(
  result: 'gone' | 'present' | 'error',
  checkedAt: string,
): OutcomeUpdate | { status: 'pending' } {
  if (result === 'present') return { status: 'pending' };
  return { status: result === 'gone' ? 'removed' : 'unknown', observedAt: checkedAt, source: 'recheck' };
}

const callbackSchema = z.object({
  type: z.literal('referral.outcome'),
  sentAt: z.number().int(),
  data: z.object({
    decisionId: z.string().min(1).max(200),
    status: z.enum(['removed', 'refused']),
    observedAt: z.iso.datetime({ offset: true }),
  }),
});

export type CallbackResult =
  | { ok: true; decisionId: string; update: OutcomeUpdate }
  | { ok: false; reason: SignatureFailure | 'invalid-payload' };

/**
 * Validates a platform's signed outcome callback (same signature scheme as Rasd's own webhooks)
 * and turns it into an update. The signature is checked before the payload is looked at.
 */
export function parseOutcomeCallback(
  body: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  options: { toleranceSeconds: number; now?: () => number },
): CallbackResult {
  const check = verifyWebhookSignature(body, signatureHeader, secret, options);
  if (!check.ok) return check;
  const parsed = callbackSchema.safeParse(check.payload);
  if (!parsed.success) return { ok: false, reason: 'invalid-payload' };
  const { decisionId, status, observedAt } = parsed.data.data;
  return { ok: true, decisionId, update: { status, observedAt, source: 'callback' } };
}

export interface OutcomeSummary {
  total: number;
  byStatus: Record<ReferralStatus, number>;
  /** Over removed items only; null when none was removed yet. */
  timeToRemoval: { count: number; medianMs: number; p90Ms: number } | null;
}

export function summariseOutcomes(outcomes: readonly ReferralOutcome[]): OutcomeSummary {
  const byStatus = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<ReferralStatus, number>;
  for (const outcome of outcomes) byStatus[outcome.status] += 1;
  const times = outcomes
    .map((o) => o.timeToRemovalMs)
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  return {
    total: outcomes.length,
    byStatus,
    timeToRemoval: times.length
      ? { count: times.length, medianMs: median(times), p90Ms: nearestRank(times, 0.9) }
      : null,
  };
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Nearest-rank: the reported p90 is a time some referral actually took, not an interpolation.
function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}
