import type { AuditEntry, OutboxAttempt, OutboxRecord, OutboxStore } from '../storage/ports.js';
import { deliverWebhook, type WebhookDelivery } from './webhook.js';

/**
 * Drains the outbox: claims due rows, POSTs each once with the signed-webhook code (the row id
 * is the Idempotency-Key), and records how it went. Retries are the outbox's, not the webhook's:
 * a failed attempt is put back with a growing delay, so no worker sleeps on a receiver that is
 * down, and a restart resumes where the rows say. Every delivery and every give-up is audited.
 *
 * Exactly-once-ish: a delivered row is final and never claimed again; a crash between the send
 * and the mark leaves the row leased, and once the lease runs out it is sent again with the same
 * key, which a receiver uses to drop the repeat.
 */

/** Where one destination's messages go; the secret signs each body (HMAC-SHA256). */
export interface OutboxTarget {
  url: string;
  secret: string;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
}

export interface OutboxSettings {
  /** By destination name (a platform for referral batches); rows of other destinations wait. */
  targets: Readonly<Record<string, OutboxTarget>>;
  /** Attempts before a row is given up on; default 8. */
  maxAttempts?: number;
  /** The first retry's delay, doubled per attempt up to `maxDelayMs`; defaults 30 s and 1 h. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed row is held beyond its round's timeouts; a crashed runner's rows wait this. Default 2 min. */
  leaseMs?: number;
  /** Rows claimed per round; default 50. */
  batchSize?: number;
}

/** An audit entry as `review/audit-log.ts` `appendAudit` takes it (actions may not import review). */
export interface OutboxAuditEvent {
  actor: string;
  action: string;
  target: string;
  reason: string;
  details: AuditEntry['details'];
}

export interface OutboxDeps {
  store: OutboxStore;
  /** Appends to the audit log; the caller binds `appendAudit` to its store. */
  audit: (event: OutboxAuditEvent, at: Date) => Promise<unknown>;
  fetch?: typeof fetch;
  now?: () => Date;
  /** 0..1; injected so jitter is testable. */
  random?: () => number;
}

export interface DrainSummary {
  delivered: number;
  retrying: number;
  gaveUp: number;
}

/** The audit actor of deliveries: the outbox acts on its own, on behalf of whoever queued. */
export const OUTBOX_ACTOR = 'system:outbox';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULTS = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000, leaseMs: 120_000, batchSize: 50 };
// Bounds one drain: rows retried with a tiny delay could otherwise come due again in the same drain.
const MAX_ROUNDS = 100;

/** Sends every due row once (or more, up to a bound, when more come due meanwhile) and says how it went. */
export async function drainOutbox(deps: OutboxDeps, settings: OutboxSettings): Promise<DrainSummary> {
  const opts = { ...DEFAULTS, ...settings };
  const now = deps.now ?? (() => new Date());
  const destinations = Object.keys(settings.targets);
  const summary: DrainSummary = { delivered: 0, retrying: 0, gaveUp: 0 };
  // Rows are sent one after another, so the lease covers a whole round of timeouts: a row must not
  // fall to another runner while it still waits its turn here.
  const slowest = Math.max(DEFAULT_TIMEOUT_MS, ...Object.values(settings.targets).map((t) => t.timeoutMs ?? 0));
  const leaseMs = opts.leaseMs + opts.batchSize * slowest;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const at = now();
    const rows = await deps.store.claimOutbox({
      destinations,
      now: at.toISOString(),
      leaseUntil: new Date(at.getTime() + leaseMs).toISOString(),
      limit: opts.batchSize,
    });
    for (const row of rows) summary[await sendOne(deps, opts, row)] += 1;
    if (rows.length < opts.batchSize) break;
  }
  return summary;
}

type Resolved = Required<Omit<OutboxSettings, 'targets'>> & Pick<OutboxSettings, 'targets'>;

async function sendOne(deps: OutboxDeps, opts: Resolved, row: OutboxRecord): Promise<keyof DrainSummary> {
  const now = deps.now ?? (() => new Date());
  const target = opts.targets[row.destination] as OutboxTarget;
  const delivery = await deliverWebhook(
    {
      name: row.destination,
      url: target.url,
      secret: target.secret,
      maxAttempts: 1,
      maxRetryAfterMs: opts.maxDelayMs,
      ...(target.timeoutMs !== undefined && { timeoutMs: target.timeoutMs }),
    },
    { actionId: row.id, type: row.type, data: row.payload },
    { ...(deps.fetch !== undefined && { fetch: deps.fetch }), now: () => now().getTime() },
  );
  const at = now();
  const attempt = attemptOf(row, delivery, at, opts, deps.random ?? Math.random);
  await deps.store.finishOutboxAttempt(attempt);
  if (attempt.outcome === 'retry') return 'retrying';
  await deps.audit(auditEvent(row, attempt), at);
  return attempt.outcome === 'delivered' ? 'delivered' : 'gaveUp';
}

function attemptOf(
  row: OutboxRecord,
  delivery: WebhookDelivery,
  at: Date,
  opts: Resolved,
  random: () => number,
): OutboxAttempt {
  const base = {
    id: row.id,
    at: at.toISOString(),
    ...(delivery.lastStatus !== undefined && { httpStatus: delivery.lastStatus }),
  };
  if (delivery.status === 'delivered') return { ...base, outcome: 'delivered' };
  const error = delivery.error ?? 'failed';
  const attempts = row.attempts + 1;
  if (delivery.retryable !== true || attempts >= opts.maxAttempts) return { ...base, outcome: 'failed', error };
  const backoff = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempts - 1));
  // Equal jitter, as the webhook's own retries: many rows failing at once do not come back in lockstep.
  const jittered = backoff / 2 + (random() * backoff) / 2;
  const delay = Math.max(1, Math.round(delivery.retryAfterMs ?? jittered));
  return { ...base, outcome: 'retry', error, nextAttemptAt: new Date(at.getTime() + delay).toISOString() };
}

function auditEvent(row: OutboxRecord, attempt: OutboxAttempt): OutboxAuditEvent {
  const details = {
    destination: row.destination,
    type: row.type,
    attempts: row.attempts + 1,
    httpStatus: attempt.httpStatus ?? null,
  };
  if (attempt.outcome === 'delivered') {
    return {
      actor: OUTBOX_ACTOR,
      action: 'outbox.delivered',
      target: row.id,
      reason: `delivered to ${row.destination}`,
      details,
    };
  }
  const error = attempt.outcome === 'failed' ? attempt.error : '';
  return {
    actor: OUTBOX_ACTOR,
    action: 'outbox.gave-up',
    target: row.id,
    reason: `gave up on ${row.destination} after ${row.attempts + 1} attempts: ${error}`,
    details: { ...details, error },
  };
}

export interface OutboxLoop extends AsyncDisposable {
  /** Stops the timer and waits for a drain in progress. */
  stop(): Promise<void>;
}

/**
 * Drains every `intervalMs` until stopped, for `rasd serve` and `rasd outbox run`. A drain that
 * throws (the database busy) is reported to `onError` and the next tick tries again.
 * @example await using loop = startOutbox(deps, settings, { intervalMs: 10_000 });
 */
export function startOutbox(
  deps: OutboxDeps,
  settings: OutboxSettings,
  options: { intervalMs: number; onError?: (error: unknown) => void; onDrain?: (summary: DrainSummary) => void },
): OutboxLoop {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    running = drainOutbox(deps, settings)
      .then((summary) => options.onDrain?.(summary))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);
  const stop = async (): Promise<void> => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
  return { stop, [Symbol.asyncDispose]: stop };
}
