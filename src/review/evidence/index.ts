/** Preserved evidence of removed items, kept for the retention period and then purged. */
export { type PreservationStore, preserveRemoval, type RemovalInput } from './preservation.js';
export { type PurgeOptions, type PurgeResult, type PurgeStore, purgeDigest, purgeEvidence } from './purge.js';
