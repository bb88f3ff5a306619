import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../outbox-ports.js';
import { PgOutboxStore } from './outbox-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('outbox');
});
afterAll(() => schemas.drop());

const T0 = '2026-03-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const message = (id: string, destination = 'telegram', createdAt = T0) => ({
  id,
  destination,
  type: 'referral.batch',
  payload: { batchId: id, items: [1, 2], nested: { ok: true, none: null } },
  createdAt,
});

describe('PgOutboxStore', () => {
  it('enqueues once per id and round-trips the message', async () => {
    const store = new PgOutboxStore(await schemas.pool(), () => new Date());
    expect(await store.enqueueOutbox(message('ob_1'))).toBe(true);
    expect(await store.enqueueOutbox(message('ob_1'))).toBe(false);
    expect(await store.getOutbox('ob_1')).toStrictEqual({
      ...message('ob_1'),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: T0,
    });
    expect(await store.getOutbox('ob_none')).toBeUndefined();
  });

  it('claims due rows of the given destinations, oldest first, and leases them', async () => {
    const store = new PgOutboxStore(await schemas.pool(), () => new Date());
    await store.enqueueOutbox(message('ob_b', 'telegram', at(2)));
    await store.enqueueOutbox(message('ob_a', 'telegram', at(1)));
    await store.enqueueOutbox(message('ob_c', 'whatsapp', at(0)));
    await store.enqueueOutbox(message('ob_later', 'telegram', at(100)));
    const claim = { destinations: ['telegram'], now: at(10), leaseUntil: at(70), limit: 10 };
    expect((await store.claimOutbox(claim)).map((r) => r.id)).toEqual(['ob_a', 'ob_b']);
    // Leased: not handed out again until the lease runs out.
    expect(await store.claimOutbox(claim)).toEqual([]);
    expect((await store.claimOutbox({ ...claim, now: at(70), leaseUntil: at(130) })).map((r) => r.id)).toEqual([
      'ob_a',
      'ob_b',
    ]);
    expect(await store.claimOutbox({ ...claim, destinations: [] })).toEqual([]);
    expect(await store.claimOutbox({ ...claim, limit: 0 })).toEqual([]);
  });

  it('records attempts: a retry waits, a delivery and a give-up are final', async () => {
    const store = new PgOutboxStore(await schemas.pool(), () => new Date());
    for (const id of ['ob_1', 'ob_2']) await store.enqueueOutbox(message(id));
    const claim = { destinations: ['telegram'], now: at(1), leaseUntil: at(61), limit: 10 };
    await store.claimOutbox(claim);
    await store.finishOutboxAttempt({
      id: 'ob_1',
      at: at(2),
      httpStatus: 500,
      outcome: 'retry',
      error: `HTTP 500 ${'x'.repeat(1_000)}`,
      nextAttemptAt: at(30),
    });
    await store.finishOutboxAttempt({ id: 'ob_2', at: at(2), httpStatus: 204, outcome: 'delivered' });
    const retry = (await store.getOutbox('ob_1')) as OutboxRecord;
    expect(retry).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(30), lastStatus: 500 });
    expect(retry.lastError).toHaveLength(500);
    expect(await store.getOutbox('ob_2')).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: at(2) });
    expect(await store.claimOutbox({ ...claim, now: at(10) })).toEqual([]);
    expect((await store.claimOutbox({ ...claim, now: at(30) })).map((r) => r.id)).toEqual(['ob_1']);
    await store.finishOutboxAttempt({ id: 'ob_1', at: at(31), outcome: 'failed', error: 'gave up' });
    // A final row is left alone.
    await store.finishOutboxAttempt({ id: 'ob_1', at: at(32), outcome: 'delivered' });
    expect(await store.getOutbox('ob_1')).toMatchObject({ status: 'failed', attempts: 2, lastError: 'gave up' });
    expect((await store.listOutbox({ limit: 10 })).map((r) => r.id)).toEqual(['ob_2', 'ob_1']);
    expect((await store.listOutbox({ status: 'failed', limit: 10 })).map((r) => r.id)).toEqual(['ob_1']);
    expect(await store.listOutbox({ status: 'pending', limit: 10 })).toEqual([]);
  });

  it('never hands one row to two runners claiming at the same time', async () => {
    const pool = await schemas.pool({ max: 8 });
    const otherPool = await schemas.poolOnSameSchema(pool, { max: 8 });
    const warm = (p: pg.Pool) => Promise.all(Array.from({ length: 6 }, () => p.query('SELECT pg_sleep(0.05)')));
    await Promise.all([warm(pool), warm(otherPool)]);
    const runners = [new PgOutboxStore(pool, () => new Date()), new PgOutboxStore(otherPool, () => new Date())];
    const total = 300;
    for (let n = 0; n < total; n += 1) {
      await runners[0]?.enqueueOutbox(message(`ob_${String(n).padStart(4, '0')}`, 'telegram', at(n % 7)));
    }
    const claimed: string[] = [];
    // Twelve runners in two processes, each claiming small batches until nothing is due.
    const runner = async (store: PgOutboxStore) => {
      for (;;) {
        const rows = await store.claimOutbox({
          destinations: ['telegram'],
          now: at(10),
          leaseUntil: at(600),
          limit: 7,
        });
        if (rows.length === 0) return;
        claimed.push(...rows.map((r) => r.id));
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, n) => runner(runners[n % 2] as PgOutboxStore)));
    expect(claimed).toHaveLength(total);
    expect(new Set(claimed).size).toBe(total);
  });
});
