/**
 * Referrals: removal decisions queued for their platform, the batches they were sent in and what
 * became of each item. The shapes are core's (`core/referral.ts`); the actions room builds and
 * judges them, the store only keeps them.
 */
import type { ReferralBatch, ReferralOutcome, ReferralRow, RemovalDecision } from '../core/index.js';

/** A `remove` decision waiting for the next batch of its platform. */
export type QueuedReferral = RemovalDecision;
/** One referred item of a batch. */
export type ReferralItemRecord = ReferralRow;
/** A batch as sent. */
export type ReferralBatchRecord = ReferralBatch;

export type ReferralBatchSummary = Omit<ReferralBatchRecord, 'items'>;

/** What became of a referred item. */
export type ReferralOutcomeRecord = ReferralOutcome;

export interface ReferralStore {
  /** Idempotent per decision id: a retried decision is queued once. */
  queueReferral(referral: QueuedReferral, queuedAt: string): Promise<void>;
  /** Queued decisions not yet in a saved batch, oldest decision first. */
  listQueuedReferrals(): Promise<QueuedReferral[]>;
  /**
   * Saves a batch with its items, one pending outcome per item, and takes its decisions off the
   * queue, all in one transaction. Saving the same batch id again is a no-op.
   */
  saveReferralBatch(batch: ReferralBatchRecord, outcomes: readonly ReferralOutcomeRecord[]): Promise<void>;
  /** Newest window first; `platform` narrows to the batches addressed to one platform. */
  listReferralBatches(query: { platform?: string }): Promise<ReferralBatchSummary[]>;
  getReferralBatch(batchId: string): Promise<ReferralBatchRecord | undefined>;
  /** Outcomes of one batch, or of every batch of a platform, or all. */
  listReferralOutcomes(query: { batchId?: string; platform?: string }): Promise<ReferralOutcomeRecord[]>;
  getReferralOutcome(decisionId: string): Promise<ReferralOutcomeRecord | undefined>;
  /** Replaces the outcome of a referred item (the caller applies the status rules). */
  setReferralOutcome(outcome: ReferralOutcomeRecord): Promise<void>;
}
