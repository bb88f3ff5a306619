import type { Decision, ReferralBatch } from '../core/index.js';
import type { OutboxMessage, OutboxPayload, OutboxStore } from '../storage/ports.js';

/**
 * What goes into the outbox. Every message has an id derived from what it is about, so enqueuing
 * the same thing twice (a rerun, a retried request) is one delivery, and that id is the
 * `Idempotency-Key` the receiver sees. Links, ids and hashes only: no message text leaves.
 */

/** The webhook event type of a referral batch. */
export const REFERRAL_BATCH_EVENT = 'referral.batch';

/** A saved referral batch, for its platform's configured target. */
export function referralBatchMessage(batch: ReferralBatch, now: Date): OutboxMessage {
  return {
    id: `batch:${batch.batchId}`,
    destination: batch.platform,
    type: REFERRAL_BATCH_EVENT,
    payload: batch as unknown as OutboxPayload,
    createdAt: now.toISOString(),
  };
}

/**
 * A reviewer's decision, for a target that follows decisions (a case system, a takedown
 * service). The reviewer and the note stay inside: who decided is for the audit log, not for
 * every receiver.
 */
export function decisionMessage(
  input: { decision: Decision; itemKey: string; destination: string },
  now: Date,
): OutboxMessage {
  const { decision } = input;
  return {
    id: `decision:${decision.caseId}@${decision.decidedAt}`,
    destination: input.destination,
    type: `decision.${decision.outcome}`,
    payload: {
      caseId: decision.caseId,
      itemKey: input.itemKey,
      outcome: decision.outcome,
      category: decision.category ?? null,
      policyRef: decision.policyRef ?? null,
      decidedAt: decision.decidedAt,
    },
    createdAt: now.toISOString(),
  };
}

/** Puts a message in the outbox; false when it was there already. */
export function enqueue(store: Pick<OutboxStore, 'enqueueOutbox'>, message: OutboxMessage): Promise<boolean> {
  return store.enqueueOutbox(message);
}
