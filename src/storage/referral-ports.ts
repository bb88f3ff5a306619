/**
 * Referrals: removal decisions queued for their platform, the batches they were sent in and what
 * became of each item. The shapes mirror `actions/referral-batch.ts` and `referral-outcome.ts`
 * structurally (storage may not import the actions room); the actions room builds and judges,
 * the store only keeps.
 */

/** A `remove` decision waiting for the next batch of its platform (`RemovalDecision`). */
export interface QueuedReferral {
  decisionId: string;
  decidedAt: string;
  platform: string;
  chat: { id: string; username?: string };
  messageId: string;
  category: string;
  organisation?: string;
  evidence: { sha256?: string[]; md5?: string[]; pdq?: string[]; textBankEntries?: string[] };
}

/** One referred item of a batch (`ReferralRow`). */
export interface ReferralItemRecord {
  decisionId: string;
  decidedAt: string;
  platform: string;
  itemLink: string;
  chatId: string;
  messageId: string;
  category: string;
  organisation?: string;
  evidence: { sha256: string[]; md5: string[]; pdq: string[]; textBankEntries: string[] };
}

/** A batch as sent (`ReferralBatch`). */
export interface ReferralBatchRecord {
  batchId: string;
  platform: string;
  createdAt: string;
  windowStart: string;
  windowEnd: string;
  itemCount: number;
  items: ReferralItemRecord[];
}

export type ReferralBatchSummary = Omit<ReferralBatchRecord, 'items'>;

/** What became of a referred item (`ReferralOutcome`). */
export interface ReferralOutcomeRecord {
  decisionId: string;
  itemLink: string;
  batchId: string;
  referredAt: string;
  status: 'pending' | 'removed' | 'refused' | 'unknown';
  observedAt?: string;
  source?: 'callback' | 'recheck';
  timeToRemovalMs?: number;
}

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
