/**
 * An Action is something Rasd asks the outside world to do about an item (delete, ban, refer,
 * call a webhook). It leaves through an outbox with attempts and timestamps, so time-to-removal
 * is measured rather than guessed.
 */
export const ACTION_KINDS = ['delete', 'ban', 'refer', 'webhook'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = ['requested', 'sent', 'confirmed', 'failed', 'cancelled'] as const;
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
