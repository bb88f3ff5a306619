import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhook, parseRetryAfter, type WebhookTarget } from './webhook.js';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'test-secret-not-real';
const NOW = Date.parse('2026-01-10T12:00:00Z');

interface Seen {
  key: string | undefined;
  verified: boolean;
  timestamp: string | undefined;
}

interface Receiver {
  url: string;
  seen: Seen[];
}

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

/** A real receiver: answers `script[n]` to the n-th request (then 200), verifying every signature. */
async function startReceiver(
  script: Array<number | 'hang' | { status: number; headers: Record<string, string> }>,
): Promise<Receiver> {
  const seen: Seen[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const check = verifyWebhookSignature(body, req.headers['x-rasd-signature'] as string, SECRET, {
        toleranceSeconds: 300,
        timestampHeader: req.headers['x-rasd-timestamp'] as string,
        now: () => NOW,
      });
      seen.push({
        key: req.headers['idempotency-key'] as string | undefined,
        verified: check.ok,
        timestamp: req.headers['x-rasd-timestamp'] as string | undefined,
      });
      const step = script[seen.length - 1] ?? 200;
      if (step === 'hang') return;
      if (typeof step === 'number') res.writeHead(step).end();
      else res.writeHead(step.status, step.headers).end();
    });
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, seen };
}

function fakeTime() {
  const sleeps: number[] = [];
  return { sleeps, deps: { now: () => NOW, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 } };
}

const target = (url: string, extra: Partial<WebhookTarget> = {}): WebhookTarget => ({
  name: 'partner',
  url,
  secret: SECRET,
  maxAttempts: 4,
  baseDelayMs: 1000,
  timeoutMs: 2000,
  ...extra,
});
const event = { actionId: 'act_0001', type: 'decision.removed', data: { item: 'synthetic/1' } };

describe('deliverWebhook', () => {
  it('retries 5xx with growing jittered backoff, then delivers with a stable idempotency key', async () => {
    const receiver = await startReceiver([503, 500]);
    const time = fakeTime();
    const delivery = await deliverWebhook(target(receiver.url), event, time.deps);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, idempotencyKey: 'act_0001' });
    expect(delivery.error).toBeUndefined();
    expect(receiver.seen.map((s) => s.key)).toEqual(['act_0001', 'act_0001', 'act_0001']);
    expect(receiver.seen.every((s) => s.verified)).toBe(true);
    expect(receiver.seen[0]?.timestamp).toBe(String(NOW / 1000));
    // backoff 1000 then 2000, with random()=0.5 → 75 % of each
    expect(time.sleeps).toEqual([750, 1500]);
  });

  it('honours Retry-After on 429', async () => {
    const receiver = await startReceiver([{ status: 429, headers: { 'Retry-After': '7' } }]);
    const time = fakeTime();
    const delivery = await deliverWebhook(target(receiver.url), event, time.deps);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(time.sleeps).toEqual([7000]);
  });

  it('honours Retry-After on 503 too, capped by maxRetryAfterMs', async () => {
    const receiver = await startReceiver([
      { status: 503, headers: { 'Retry-After': '2' } },
      { status: 429, headers: { 'Retry-After': '3600' } },
    ]);
    const time = fakeTime();
    const delivery = await deliverWebhook(target(receiver.url, { maxRetryAfterMs: 30_000 }), event, time.deps);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(time.sleeps).toEqual([2000, 30_000]);
  });

  it('does not retry a 400 and reports it', async () => {
    const receiver = await startReceiver([400]);
    const time = fakeTime();
    const delivery = await deliverWebhook(target(receiver.url), event, time.deps);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatus: 400, error: 'HTTP 400' });
    expect(receiver.seen).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it('stops at maxAttempts and never throws', async () => {
    const receiver = await startReceiver([500, 500, 500, 500, 500]);
    const time = fakeTime();
    const delivery = await deliverWebhook(target(receiver.url, { maxAttempts: 3 }), event, time.deps);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500, error: 'HTTP 500' });
    expect(receiver.seen).toHaveLength(3);
  });

  it('times out a hanging attempt and retries it', async () => {
    const receiver = await startReceiver(['hang']);
    const time = fakeTime();
    const delivery = await deliverWebhook(target(receiver.url, { timeoutMs: 150 }), event, time.deps);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(receiver.seen.map((s) => s.key)).toEqual(['act_0001', 'act_0001']);
  });

  it('reports a network error after the last attempt without the secret', async () => {
    const receiver = await startReceiver([]);
    await new Promise<void>((done) => server?.close(() => done()));
    server = undefined;
    const time = fakeTime();
    const delivery = await deliverWebhook(target(receiver.url, { maxAttempts: 2 }), event, time.deps);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toBe(2);
    expect(delivery.lastStatus).toBeUndefined();
    expect(delivery.error).toMatch(/^network error: /);
    expect(JSON.stringify(delivery)).not.toContain(SECRET);
  });
});

describe('verifyWebhookSignature', () => {
  const body = JSON.stringify({ id: 'act_1', type: 't', sentAt: NOW / 1000, data: {} });
  const opts = { toleranceSeconds: 300, now: () => NOW };

  it('accepts a valid signature and returns the payload', () => {
    const check = verifyWebhookSignature(body, signWebhookBody(body, SECRET), SECRET, opts);
    expect(check).toEqual({ ok: true, payload: JSON.parse(body) });
  });

  it('rejects a wrong secret, a changed body and a malformed header', () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, 'other'), SECRET, opts)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const tampered = body.replace('"t"', '"u"');
    expect(verifyWebhookSignature(tampered, signWebhookBody(body, SECRET), SECRET, opts)).toMatchObject({
      reason: 'bad-signature',
    });
    expect(verifyWebhookSignature(body, 'md5=abc', SECRET, opts)).toMatchObject({ reason: 'malformed-header' });
    expect(verifyWebhookSignature(body, undefined, SECRET, opts)).toMatchObject({ reason: 'malformed-header' });
  });

  it('rejects an expired timestamp but accepts one inside the tolerance', () => {
    const signed = signWebhookBody(body, SECRET);
    const later = (s: number) => ({ toleranceSeconds: 300, now: () => NOW + s * 1000 });
    expect(verifyWebhookSignature(body, signed, SECRET, later(301))).toMatchObject({ reason: 'expired' });
    expect(verifyWebhookSignature(body, signed, SECRET, later(-301))).toMatchObject({ reason: 'expired' });
    expect(verifyWebhookSignature(body, signed, SECRET, later(299)).ok).toBe(true);
  });

  it('rejects an unsigned or mismatched timestamp', () => {
    const noTime = JSON.stringify({ id: 'x' });
    expect(verifyWebhookSignature(noTime, signWebhookBody(noTime, SECRET), SECRET, opts)).toMatchObject({
      reason: 'missing-timestamp',
    });
    const signed = signWebhookBody(body, SECRET);
    expect(
      verifyWebhookSignature(body, signed, SECRET, { ...opts, timestampHeader: String(NOW / 1000 + 60) }),
    ).toMatchObject({ reason: 'timestamp-mismatch' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});
