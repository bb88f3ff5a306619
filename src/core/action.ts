/**
 * An Action is something Rasd asks the outside world to do about an item (delete, ban, refer,
 * call a webhook). It leaves through an outbox with attempts and timestamps, so time-to-removal
 * is measured rather than guessed.
 */
/**
 * `restrict` mutes a sender instead of removing them; `ban-sender-chat` bans a channel that posts
 * in a group under its own name (anonymous channel posting), which banning a user cannot reach.
 */
export const ACTION_KINDS = ['delete', 'ban', 'restrict', 'ban-sender-chat', 'refer', 'webhook'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** `dry-run`: what Rasd would have done, recorded without doing it (connectors in dry-run mode). */
export const ACTION_STATUSES = ['requested', 'sent', 'confirmed', 'failed', 'cancelled', 'dry-run'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface Action {
  id: string;
  itemKey: string;
  kind: ActionKind;
  /** Where it goes: `telegram`, a webhook name, a referral target. */
  target: string;
  status: ActionStatus;
  attempts: number;
  requestedAt: string;
  lastAttemptAt?: string;
  confirmedAt?: string;
  /** What the target answered, or why it failed. */
  outcome?: string;
  /** The rule or decision that asked for it. */
  reason: string;
}
