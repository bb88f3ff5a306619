import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditLog } from '../review/audit-log.js';
import type { Store } from '../storage/ports.js';
import { databaseFor, freshStore, openTestStore } from '../storage/testing/store-under-test.js';
import { referralBatchMessage } from './outbox.js';
import { drainOutbox, type OutboxDeps, type OutboxSettings, startOutbox } from './outbox-runner.js';
import { buildReferralBatches } from './referral-batch.js';
import { verifyWebhookSignature } from './webhook-signature.js';

/**
 * The outbox against a real store (SQLite, or PostgreSQL in the app-on-postgres project) and a
 * real receiver on 127.0.0.1: what is sent, how it is signed, when it is retried, given up on,
 * never resent, and picked up again after a restart.
 */

const SECRET = 'outbox-test-secret-not-real';
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

interface Received {
  key: string | undefined;
  verified: boolean;
  body: Record<string, unknown>;
}

const servers: Server[] = [];
const stores: Store[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Answers `script[n]` to the n-th request (then 200) and checks every signature with SECRET. */
async function receiver(script: number[], clock: { ms: number }) {
  const seen: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const check = verifyWebhookSignature(raw, req.headers['x-rasd-signature'] as string, SECRET, {
        toleranceSeconds: 300,
        timestampHeader: req.headers['x-rasd-timestamp'] as string,
        now: () => clock.ms,
      });
      seen.push({
        key: req.headers['idempotency-key'] as string | undefined,
        verified: check.ok,
        body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
      });
      res.writeHead(script[seen.length - 1] ?? 200).end();
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/referrals`, seen };
}

/** A fresh store, or (given a path) the store behind that path's database, reopened after a restart. */
async function openStore(path?: string): Promise<Store> {
  const store = path === undefined ? await freshStore() : await openTestStore(await databaseFor(path));
  stores.push(store);
  return store;
}

function deps(store: Store, clock: { ms: number }): OutboxDeps {
  return {
    store,
    audit: (event, at) => appendAudit(store, event, () => at),
    now: () => new Date(clock.ms),
    random: () => 0.5,
  };
}

function settings(url: string, extra: Partial<OutboxSettings> = {}): OutboxSettings {
  return { targets: { telegram: { url, secret: SECRET, timeoutMs: 2000 } }, baseDelayMs: 60_000, ...extra };
}

/** A structure-only batch: links and hashes of synthetic items, no text. */
function batch(n = 1) {
  const decisions = Array.from({ length: n }, (_, i) => ({
    decisionId: `case_${i}@2026-03-01T09:00:00.000Z`,
    decidedAt: '2026-03-01T09:00:00.000Z',
    platform: 'telegram',
    chat: { id: '-1001', username: 'synthetic_demo' },
    messageId: String(i + 1),
    category: 'test',
    evidence: { sha256: ['a'.repeat(64)] },
  }));
  const [built] = buildReferralBatches(decisions, { now: () => T0 });
  if (built === undefined) throw new Error('no batch');
  return built;
}

const auditActions = async (store: Store) =>
  (await store.listAudit({ limit: 100 })).rows.map((e) => `${e.action} ${e.target}`);

describe('drainOutbox', () => {
  it('delivers a queued batch once, signed, keyed by the row id, and audits it', async () => {
    const clock = { ms: T0 };
    const store = await openStore();
    const sink = await receiver([], clock);
    const message = referralBatchMessage(batch(2), new Date(T0));
    expect(await store.enqueueOutbox(message)).toBe(true);
    expect(await store.enqueueOutbox(message)).toBe(false);

    expect(await drainOutbox(deps(store, clock), settings(sink.url))).toEqual({ delivered: 1, retrying: 0, gaveUp: 0 });
    expect(sink.seen).toHaveLength(1);
    expect(sink.seen[0]).toMatchObject({ key: message.id, verified: true });
    expect(sink.seen[0]?.body).toMatchObject({ id: message.id, type: 'referral.batch', data: message.payload });
    expect(await store.getOutbox(message.id)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatus: 200,
      deliveredAt: new Date(T0).toISOString(),
    });
    expect(await auditActions(store)).toEqual([`outbox.delivered ${message.id}`]);

    // Delivered is final: later drains, even much later, send nothing.
    clock.ms += 86_400_000;
    expect(await drainOutbox(deps(store, clock), settings(sink.url))).toEqual({ delivered: 0, retrying: 0, gaveUp: 0 });
    expect(sink.seen).toHaveLength(1);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });

  it('retries after a 500 only once the backoff has passed, with the same key', async () => {
    const clock = { ms: T0 };
    const store = await openStore();
    const sink = await receiver([500], clock);
    const message = referralBatchMessage(batch(), new Date(T0));
    await store.enqueueOutbox(message);

    expect(await drainOutbox(deps(store, clock), settings(sink.url))).toEqual({ delivered: 0, retrying: 1, gaveUp: 0 });
    // Equal jitter at random 0.5: three quarters of the 60 s base delay.
    expect(await store.getOutbox(message.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500',
      nextAttemptAt: new Date(T0 + 45_000).toISOString(),
    });
    expect(await auditActions(store)).toEqual([]);

    clock.ms += 44_000;
    await drainOutbox(deps(store, clock), settings(sink.url));
    expect(sink.seen).toHaveLength(1);
    clock.ms += 1_000;
    expect(await drainOutbox(deps(store, clock), settings(sink.url))).toEqual({ delivered: 1, retrying: 0, gaveUp: 0 });
    expect(sink.seen.map((s) => s.key)).toEqual([message.id, message.id]);
    expect(await store.getOutbox(message.id)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('gives up after the last attempt, keeps the last error and audits the give-up', async () => {
    const clock = { ms: T0 };
    const store = await openStore();
    const sink = await receiver([500, 502, 503, 500], clock);
    const message = referralBatchMessage(batch(), new Date(T0));
    await store.enqueueOutbox(message);
    const config = settings(sink.url, { maxAttempts: 3, baseDelayMs: 1_000 });

    for (let i = 0; i < 3; i += 1) {
      await drainOutbox(deps(store, clock), config);
      clock.ms += 3_600_000;
    }
    expect(await store.getOutbox(message.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastStatus: 503,
      lastError: 'HTTP 503',
    });
    const entries = (await store.listAudit({ limit: 10 })).rows;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'system:outbox',
      action: 'outbox.gave-up',
      target: message.id,
      details: { destination: 'telegram', attempts: 3, httpStatus: 503, error: 'HTTP 503' },
    });
    // Given up is final too.
    await drainOutbox(deps(store, clock), config);
    expect(sink.seen).toHaveLength(3);
  });

  it('gives up at once on a status that resending cannot fix', async () => {
    const clock = { ms: T0 };
    const store = await openStore();
    const sink = await receiver([400], clock);
    const message = referralBatchMessage(batch(), new Date(T0));
    await store.enqueueOutbox(message);
    expect(await drainOutbox(deps(store, clock), settings(sink.url))).toEqual({ delivered: 0, retrying: 0, gaveUp: 1 });
    expect(await store.getOutbox(message.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 400' });
  });

  it('leaves rows of a destination without a target waiting', async () => {
    const clock = { ms: T0 };
    const store = await openStore();
    const sink = await receiver([], clock);
    const message = { ...referralBatchMessage(batch(), new Date(T0)), destination: 'elsewhere' };
    await store.enqueueOutbox(message);
    expect(await drainOutbox(deps(store, clock), settings(sink.url))).toEqual({ delivered: 0, retrying: 0, gaveUp: 0 });
    expect(sink.seen).toEqual([]);
    expect(await store.getOutbox(message.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('resumes after a restart: a retry is kept, and a row left mid-send is resent with its key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rasd-outbox-'));
    dirs.push(dir);
    const path = join(dir, 'rasd.db');
    const clock = { ms: T0 };
    const sink = await receiver([503], clock);
    const first = referralBatchMessage(batch(1), new Date(T0));
    const second = { ...referralBatchMessage(batch(2), new Date(T0)), id: 'batch:crashed' };

    const before = await openStore(path);
    await before.enqueueOutbox(first);
    await drainOutbox(deps(before, clock), settings(sink.url));
    await before.enqueueOutbox(second);
    // A runner that claimed the row and died before marking it (the send may or may not have left).
    const claimed = await before.claimOutbox({
      destinations: ['telegram'],
      now: new Date(clock.ms).toISOString(),
      leaseUntil: new Date(clock.ms + 120_000).toISOString(),
      limit: 10,
    });
    expect(claimed.map((r) => r.id)).toEqual([second.id]);
    await before.close();

    const after = await openStore(path);
    expect(await after.getOutbox(first.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503' });
    // Still leased, and the retry not yet due: nothing goes out.
    await drainOutbox(deps(after, clock), settings(sink.url));
    expect(sink.seen).toHaveLength(1);
    clock.ms += 120_000;
    expect(await drainOutbox(deps(after, clock), settings(sink.url))).toEqual({ delivered: 2, retrying: 0, gaveUp: 0 });
    expect(sink.seen.map((s) => s.key).sort()).toEqual([first.id, first.id, second.id].sort());
    expect(sink.seen.every((s) => s.verified)).toBe(true);
    expect((await after.listOutbox({ status: 'delivered', limit: 10 })).map((r) => r.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
  });
});

describe('startOutbox', () => {
  it('drains on its interval until stopped', async () => {
    const clock = { ms: Date.now() };
    const store = await openStore();
    const sink = await receiver([], clock);
    const message = referralBatchMessage(batch(), new Date());
    await store.enqueueOutbox(message);
    const drained: number[] = [];
    const loop = startOutbox({ ...deps(store, clock), now: () => new Date() }, settings(sink.url), {
      intervalMs: 20,
      onDrain: (summary) => drained.push(summary.delivered),
    });
    await expect.poll(() => sink.seen.length).toBe(1);
    await expect.poll(() => drained.length).toBeGreaterThan(1);
    await loop.stop();
    const after = drained.length;
    await new Promise((done) => setTimeout(done, 60));
    expect(drained.length).toBe(after);
    expect(drained.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
