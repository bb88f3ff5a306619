/**
 * The outbox: messages for the outside world (webhooks, referral batches) kept until delivered.
 * The actions room decides what to send and when to retry (`actions/outbox.ts`); the store only
 * keeps the rows and hands each due row to one runner at a time.
 */

export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed'] as const;
/** `failed` means given up on after the last attempt; both it and `delivered` are final. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** JSON only: the payload is stored as text and sent as the webhook's `data`. */
export type OutboxPayload = null | boolean | number | string | OutboxPayload[] | { [key: string]: OutboxPayload };

export interface OutboxMessage {
  /** Stable per message: it is the Idempotency-Key a receiver sees on every attempt. */
  id: string;
  /** The configured target it goes to: a platform name for referral batches. */
  destination: string;
  /** The webhook event type, e.g. `referral.batch`. */
  type: string;
  payload: OutboxPayload;
  createdAt: string;
}

export interface OutboxRecord extends OutboxMessage {
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt?: string;
  lastStatus?: number;
  /** Why the last attempt failed (a status line or error class), never a receiver's body. */
  lastError?: string;
  deliveredAt?: string;
}

/** How one attempt ended; `retry` puts the row back for `nextAttemptAt`. */
export type OutboxAttempt = { id: string; at: string; httpStatus?: number } & (
  | { outcome: 'delivered' }
  | { outcome: 'retry'; error: string; nextAttemptAt: string }
  | { outcome: 'failed'; error: string }
);

export interface OutboxClaim {
  /** Only rows for these destinations: one without a configured target waits. */
  destinations: readonly string[];
  now: string;
  /** The claimed rows are not handed out again before this, unless finished. */
  leaseUntil: string;
  limit: number;
}

export interface OutboxStore {
  /** Idempotent per id: true when the message was new. */
  enqueueOutbox(message: OutboxMessage): Promise<boolean>;
  /** Pending rows due by `now` and not leased, oldest due first, leased in one write. */
  claimOutbox(claim: OutboxClaim): Promise<OutboxRecord[]>;
  /** Records an attempt on a pending row and releases its lease; a final row is left untouched. */
  finishOutboxAttempt(attempt: OutboxAttempt): Promise<void>;
  getOutbox(id: string): Promise<OutboxRecord | undefined>;
  /** Newest first. */
  listOutbox(query: { status?: OutboxStatus; limit: number }): Promise<OutboxRecord[]>;
}
