import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, AppError, type Case, itemKey } from '../../core/index.js';
import {
  caseOpened,
  makeAction,
  makeAssessment,
  makeBatch,
  makeCase,
  makeChannel,
  makeItem,
  makeScannedBatch,
  makeViolating,
} from '../contract/fixtures.js';
import type { ScanBatch } from '../ports.js';
import { PgStore } from './pg-store.js';
import { TestStores } from './store-testing.js';

let stores: TestStores;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  stores = await TestStores.create('pgwriter');
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await stores.drop();
});

/** A store, a second store on the same schema (another worker) and a raw pool to look with. */
async function deployment(): Promise<{ a: PgStore; b: PgStore; sql: pg.Pool; close: () => Promise<void> }> {
  const url = await stores.newSchemaUrl();
  const a = await PgStore.open({ url, poolSize: 4 });
  const b = await PgStore.open({ url, poolSize: 4 });
  const sql = stores.pool(url);
  pools.push(sql);
  return { a, b, sql, close: async () => Promise.all([a.close(), b.close()]).then(() => undefined) };
}

async function count(sql: pg.Pool, table: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

async function counts(sql: pg.Pool): Promise<Record<string, number>> {
  const tables = ['item', 'assessment', 'assessment_category', 'review_case', 'case_event', 'action', 'channel_event'];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(sql, t)] as const)));
}

/** The same items and assessments, scanned again by another worker: new case and action ids. */
function rescanned(batch: ScanBatch): ScanBatch {
  const cases = batch.cases.map((c) => makeCase(c.itemKey, { priority: c.priority }));
  const kinds: Action['kind'][] = ['delete', 'refer'];
  return {
    ...batch,
    cases,
    caseEvents: cases.map(caseOpened),
    actions: batch.actions.flatMap((a) => kinds.map((kind) => makeAction(a.itemKey, { kind }))),
  };
}

describe('exactly once, by the database', () => {
  it('stores one item, assessment, case and action per item version when a batch is saved twice', async () => {
    const { a, sql, close } = await deployment();
    const batch = makeScannedBatch(20);
    expect(await a.saveBatch(batch)).toMatchObject({ itemsInserted: 20, assessmentsInserted: 20 });
    const before = await counts(sql);
    expect(await a.saveBatch(rescanned(batch))).toMatchObject({ itemsInserted: 0, assessmentsInserted: 0 });
    expect(await counts(sql)).toEqual(before);
    expect(before).toMatchObject({ item: 20, assessment: 20, review_case: 6, case_event: 6, action: 6 });
    await close();
  });

  it('stores each once when two workers save the same items at the same moment', async () => {
    const { a, b, sql, close } = await deployment();
    const batch = makeScannedBatch(300);
    const [first, second] = await Promise.all([a.saveBatch(batch), b.saveBatch(rescanned(batch))]);
    expect(first.itemsInserted + second.itemsInserted).toBe(300);
    expect(first.assessmentsInserted + second.assessmentsInserted).toBe(300);
    const violating = batch.cases.length;
    const stored = await counts(sql);
    expect(stored).toMatchObject({ item: 300, assessment: 300, review_case: violating, case_event: violating });
    // One action per item version and kind: the batch that stored the assessment brought its own.
    const { rows } = await sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT item_key, kind FROM action GROUP BY item_key, kind HAVING count(*) > 1) d',
    );
    expect(rows[0]?.n).toBe(0);
    const perItem = await sql.query<{ n: number }>('SELECT count(DISTINCT item_key)::int AS n FROM review_case');
    expect(perItem.rows[0]?.n).toBe(violating);
    await close();
  });

  it('refuses a second case or action kind for an item version, whoever writes it', async () => {
    const { a, sql, close } = await deployment();
    const item = makeItem();
    const key = itemKey(item);
    const c = makeCase(key);
    await a.saveBatch(
      makeBatch({ items: [item], assessments: [makeViolating(item)], cases: [c], caseEvents: [caseOpened(c)] }),
    );
    const other: Case = makeCase(key);
    await expect(
      sql.query(
        `INSERT INTO review_case (id, item_key, status, queue, priority, reason, opened_at, opened_ms, updated_at)
         VALUES ($1, $2, 'open', 'q', 1, 'r', $3, 0, $3)`,
        [other.id, key, other.openedAt],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    await close();
  });

  it('keeps one item row per key even if a later delivery gives another posted time', async () => {
    const { a, sql, close } = await deployment();
    const item = makeItem({ postedAt: '2024-03-01T12:00:00Z' });
    await a.saveBatch(makeBatch({ items: [item], assessments: [makeAssessment(item)] }));
    const moved = { ...item, postedAt: '2024-05-01T12:00:00Z' };
    const again = await a.saveBatch(makeBatch({ items: [moved], assessments: [makeViolating(moved)] }));
    expect(again).toMatchObject({ itemsInserted: 0, assessmentsInserted: 0 });
    expect(await count(sql, 'item')).toBe(1);
    expect(await a.getItem(itemKey(item))).toEqual(item);
    await close();
  });

  it('writes nothing when a row fails inside the transaction', async () => {
    const { a, sql, close } = await deployment();
    const batch = makeScannedBatch(10);
    const poisoned = batch.actions[1] as Action;
    batch.actions[1] = { ...poisoned, kind: 'bogus' as Action['kind'] };
    batch.items[0] = { ...(batch.items[0] as ScanBatch['items'][number]), text: 'a private sentence' };
    const failure = await a.saveBatch(batch).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED', retryable: false });
    expect((failure as AppError).message).toMatch(/saveBatch: 23514/);
    expect(JSON.stringify(failure)).not.toContain('private sentence');
    expect(await counts(sql)).toEqual({
      item: 0,
      assessment: 0,
      assessment_category: 0,
      review_case: 0,
      case_event: 0,
      action: 0,
      channel_event: 0,
    });
    expect(await count(sql, 'channel')).toBe(0);
    await close();
  });
});

describe('channel rows', () => {
  /** Holds channel -1001's row lock in a transaction of its own, as another worker's batch would. */
  async function lockChannel(sql: pg.Pool): Promise<{ release: () => Promise<void> }> {
    const holder = await sql.connect();
    await holder.query('BEGIN');
    await holder.query("SELECT 1 FROM channel WHERE platform = 'telegram' AND id = '-1001' FOR UPDATE");
    let held = true;
    return {
      release: async () => {
        if (!held) return;
        held = false;
        await holder.query('ROLLBACK');
        holder.release();
      },
    };
  }
  const settledWithin = (promise: Promise<unknown>, ms: number) =>
    Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

  it('saves a batch whose sightings the stored row covers without waiting for its lock', async () => {
    const { a, sql, close } = await deployment();
    const seen = makeChannel({ firstSeenAt: '2024-03-01T00:00:00.000Z', lastSeenAt: '2024-03-09T00:00:00.000Z' });
    await a.saveBatch(makeBatch({ channels: [seen] }));
    const lock = await lockChannel(sql);
    try {
      // Inside the seen range, same names: nothing to widen, so no lock is needed.
      const covered = makeChannel({ firstSeenAt: '2024-03-05T00:00:00.000Z', lastSeenAt: '2024-03-05T00:00:00.000Z' });
      const item = makeItem({ postedAt: '2024-03-05T00:00:00.000Z' });
      expect(await settledWithin(a.saveBatch(makeBatch({ items: [item], channels: [covered] })), 5_000)).toBe(true);
      // A later sighting widens the row: it must wait for the lock, and lands once it is free.
      const later = makeChannel({ title: 'Renamed', lastSeenAt: '2024-03-20T00:00:00.000Z' });
      const widening = a.saveBatch(makeBatch({ channels: [later] }));
      expect(await settledWithin(widening, 500)).toBe(false);
      await lock.release();
      await widening;
    } finally {
      await lock.release();
    }
    const channel = await a.getChannel('telegram', '-1001');
    expect(channel).toMatchObject({ title: 'Renamed', lastSeenAt: '2024-03-20T00:00:00.000Z' });
    expect(channel?.firstSeenAt).toBe('2024-03-01T00:00:00.000Z');
    await close();
  });
});

describe('text PostgreSQL cannot hold', () => {
  it('round-trips an item whose text contains U+0000 instead of failing its batch', async () => {
    const { a, close } = await deployment();
    const item = makeItem({ text: 'before\u0000after' });
    const plain = makeItem();
    const channel = makeChannel({ title: 'Nul\u0000title' });
    await a.saveBatch(makeBatch({ items: [item, plain], assessments: [makeAssessment(item)], channels: [channel] }));
    expect(await a.getItem(itemKey(item))).toStrictEqual(item);
    expect(await a.getItem(itemKey(plain))).toStrictEqual(plain);
    expect((await a.getChannel('telegram', '-1001'))?.title).toBe('Nultitle');
    await close();
  });
});

async function partitionsOf(sql: pg.Pool, table: string): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ part: string; n: number }>(
    `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM ${table} GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.part, row.n]));
}

describe('month partitions', () => {
  const months = (): ScanBatch => {
    const batch = makeBatch();
    for (const [start, n] of [
      ['2024-01-31T23:59:00.000Z', 2],
      ['2024-02-10T00:00:00.000Z', 3],
      ['2024-03-31T23:58:00.000Z', 1],
    ] as const) {
      const part = makeScannedBatch(n, { start });
      for (const key of Object.keys(batch) as (keyof ScanBatch)[]) (batch[key] as unknown[]).push(...part[key]);
    }
    return batch;
  };

  it('puts a batch spanning three months into three partitions, the default left empty', async () => {
    const { a, sql, close } = await deployment();
    await a.saveBatch(months());
    // 2024-01-31T23:59 + 1 minute is February: two in January would be wrong.
    expect(await partitionsOf(sql, 'item')).toEqual({ item_p202401: 1, item_p202402: 4, item_p202403: 1 });
    expect(await partitionsOf(sql, 'assessment')).toEqual({
      assessment_p202401: 1,
      assessment_p202402: 4,
      assessment_p202403: 1,
    });
    expect(await count(sql, 'item_default')).toBe(0);
    expect((await a.listItems({ limit: 100 })).rows).toHaveLength(6);
    await close();
  });

  it('purges exactly one month of items and assessments by dropping its partitions', async () => {
    const { a, sql, close } = await deployment();
    const batch = months();
    await a.saveBatch(batch);
    const february = batch.items.filter((item) => item.postedAt.startsWith('2024-02')).map(itemKey);
    const others = batch.items.map(itemKey).filter((key) => !february.includes(key));
    const casesBefore = await count(sql, 'review_case');
    await a.purgeMonth('2024-02-01');
    expect(await partitionsOf(sql, 'item')).toEqual({ item_p202401: 1, item_p202403: 1 });
    expect(await partitionsOf(sql, 'assessment')).toEqual({ assessment_p202401: 1, assessment_p202403: 1 });
    for (const key of february) {
      expect(await a.getItem(key)).toBeUndefined();
      expect(await a.getAssessment(key)).toBeUndefined();
    }
    for (const key of others) expect(await a.getAssessment(key)).toBeDefined();
    expect((await a.findAssessed(february)).size).toBe(0);
    // The moderation record stays.
    expect(await count(sql, 'review_case')).toBe(casesBefore);
    await close();
  });

  it('moves rows that reached the default partition into their month when it is made', async () => {
    const { a, b, sql, close } = await deployment();
    await a.saveBatch(makeScannedBatch(2, { start: '2024-06-01T00:00:00.000Z' }));
    // Another process purges June; this one still believes June exists, so its rows go to DEFAULT.
    await b.purgeMonth('2024-06-01');
    await a.saveBatch(makeScannedBatch(3, { start: '2024-06-02T00:00:00.000Z' }));
    expect(await partitionsOf(sql, 'item')).toEqual({ item_default: 3 });
    await b.saveBatch(makeScannedBatch(1, { start: '2024-06-03T00:00:00.000Z' }));
    expect(await partitionsOf(sql, 'item')).toEqual({ item_p202406: 4 });
    expect(await partitionsOf(sql, 'assessment')).toEqual({ assessment_p202406: 4 });
    await close();
  });
});
