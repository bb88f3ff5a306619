/**
 * Actions: what Rasd sends to the outside world about removal decisions — signed webhooks,
 * referral batches and their outcomes, DSA statements of reasons, TCO removal-order clocks.
 * See docs/actions.md.
 */
export * from './dsa-case-statement.js';
export * from './dsa-from-decision.js';
export * from './dsa-policy.js';
export * from './dsa-statement.js';
export * from './dsa-statement-schema.js';
export * from './outbox.js';
export * from './outbox-runner.js';
export * from './referral-batch.js';
export * from './referral-outcome.js';
export * from './referral-queue.js';
export * from './removal-order.js';
export * from './webhook.js';
export * from './webhook-signature.js';
