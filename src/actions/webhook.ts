import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from './webhook-signature.js';

/**
 * A webhook target: Rasd POSTs a signed JSON envelope to a URL the operator configured.
 * Confused about retries? Network errors, 5xx and 429 are retried with exponential backoff and
 * jitter (429 and 503 wait for `Retry-After`); any other status is final, because resending a request
 * the receiver rejected will be rejected again.
 */
export interface WebhookTarget {
  name: string;
  url: string;
  secret: string;
  /** Per attempt; a receiver that hangs must not hold the outbox. */
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is cut to it, so one receiver cannot park a worker. */
  maxRetryAfterMs?: number;
}

export interface WebhookEvent {
  /** The action's id: it becomes the `Idempotency-Key`, identical on every attempt. */
  actionId: string;
  type: string;
  data: unknown;
}

export interface WebhookDeps {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** 0..1; injected so jitter is testable. */
  random?: () => number;
}

export interface WebhookDelivery {
  target: string;
  idempotencyKey: string;
  status: 'delivered' | 'failed';
  attempts: number;
  lastStatus?: number;
  /** Why the last attempt failed: a status line or error class, never the body or the secret. */
  error?: string;
  /** Whether a later attempt could succeed (network error, 5xx, 429), for a caller that retries later. */
  retryable?: boolean;
  /** The receiver's `Retry-After` on the last attempt, already cut to `maxRetryAfterMs`. */
  retryAfterMs?: number;
  startedAt: string;
  finishedAt: string;
}

const DEFAULTS = {
  timeoutMs: 10_000,
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 300_000,
};

type Attempt =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status?: number; error: string; retryAfterMs?: number }
  | { kind: 'final'; status: number; error: string };

/**
 * Delivers one event to one target. Never throws for a remote failure: the result says how many
 * attempts were made and how the last one ended, for the outbox to store.
 */
export async function deliverWebhook(
  target: WebhookTarget,
  event: WebhookEvent,
  deps: WebhookDeps = {},
): Promise<WebhookDelivery> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const random = deps.random ?? Math.random;
  const opts = { ...DEFAULTS, ...definedOnly(target) };
  const startedAt = new Date(now()).toISOString();
  const base = { target: target.name, idempotencyKey: event.actionId, startedAt };

  let last: Attempt = { kind: 'retry', error: 'not attempted' };
  let attempts = 0;
  while (attempts < Math.max(1, opts.maxAttempts)) {
    attempts += 1;
    last = await attemptOnce(target, event, opts.timeoutMs, deps.fetch ?? fetch, now);
    if (last.kind !== 'retry' || attempts >= opts.maxAttempts) break;
    const backoff = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempts - 1));
    // Equal jitter: half fixed, half random, so many failed deliveries do not retry in lockstep.
    const jittered = backoff / 2 + (random() * backoff) / 2;
    const wait = last.retryAfterMs !== undefined ? Math.min(last.retryAfterMs, opts.maxRetryAfterMs) : jittered;
    await sleep(Math.round(wait));
  }
  const finishedAt = new Date(now()).toISOString();
  if (last.kind === 'delivered') return { ...base, status: 'delivered', attempts, lastStatus: last.status, finishedAt };
  return {
    ...base,
    status: 'failed',
    attempts,
    ...(last.status !== undefined && { lastStatus: last.status }),
    error: last.error,
    retryable: last.kind === 'retry',
    ...(last.kind === 'retry' &&
      last.retryAfterMs !== undefined && { retryAfterMs: Math.min(last.retryAfterMs, opts.maxRetryAfterMs) }),
    finishedAt,
  };
}

async function attemptOnce(
  target: WebhookTarget,
  event: WebhookEvent,
  timeoutMs: number,
  fetchFn: typeof fetch,
  now: () => number,
): Promise<Attempt> {
  const sentAt = Math.floor(now() / 1000);
  const body = JSON.stringify({ id: event.actionId, type: event.type, sentAt, data: event.data });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchFn(target.url, {
      method: 'POST',
      body,
      // A redirect would re-send a signed body to a host the operator never configured.
      redirect: 'manual',
      signal: controller.signal,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'rasd-webhook/1',
        [SIGNATURE_HEADER]: signWebhookBody(body, target.secret),
        [TIMESTAMP_HEADER]: String(sentAt),
        [IDEMPOTENCY_HEADER]: event.actionId,
      },
    });
    // Drain so the connection is reused; the receiver's body is never stored or logged.
    await response.arrayBuffer().catch(() => undefined);
    return classify(response, now);
  } catch (error) {
    const timedOut = controller.signal.aborted;
    return { kind: 'retry', error: timedOut ? `timeout after ${timeoutMs} ms` : `network error: ${errorName(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

function classify(response: Response, now: () => number): Attempt {
  const status = response.status;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const error = `HTTP ${status}`;
  if (status === 429 || status === 503) {
    // Both mean "come back later"; a receiver that says when is obeyed rather than guessed at.
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    return { kind: 'retry', status, error, ...(retryAfterMs !== undefined && { retryAfterMs }) };
  }
  if (status >= 500) return { kind: 'retry', status, error };
  return { kind: 'final', status, error };
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function errorName(error: unknown): string {
  // Node's fetch wraps the socket error in `cause`; its code (ECONNREFUSED…) is what an operator needs.
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}

function definedOnly(target: WebhookTarget): Partial<typeof DEFAULTS> {
  return Object.fromEntries(
    Object.entries(target).filter(([key, value]) => key in DEFAULTS && value !== undefined),
  ) as Partial<typeof DEFAULTS>;
}
