import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../core/index.js';
import { minutesAfter } from '../contract/fixtures.js';
import type { ReviewAppend, ReviewProjection, ReviewRouting } from '../ports.js';
import { PgReviewStore } from './review-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('review');
});
afterAll(() => schemas.drop());

const routing = (over: Partial<ReviewRouting> = {}): ReviewRouting => ({
  queue: 'praise/en/*',
  category: 'praise',
  lang: 'en',
  org: '',
  graphic: false,
  rank: 1,
  ...over,
});
const projection = (over: Partial<ReviewProjection> = {}): ReviewProjection => ({
  status: 'open',
  appealed: false,
  barred: [],
  pendingBankAdds: [],
  version: 1,
  updatedAt: minutesAfter(60),
  ...over,
});
const claimEvent = (caseId: string, reviewer: string, minute: number): CaseEvent => ({
  type: 'case.claimed',
  caseId,
  at: minutesAfter(minute),
  reviewer,
  expiresAt: minutesAfter(minute + 15),
});

/**
 * `n` cases as a scan leaves them (item, case row, opening event), written as rows: the scan
 * path is PgStore's, and this file tests the review store alone.
 */
async function storeWithCases(n: number, text = 'synthetic filler') {
  const pool = await schemas.pool({ max: 8 });
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const key = `telegram:-1001:${i}:0`;
    const id = `case_${i}`;
    await pool.query(
      `INSERT INTO item (key, platform, chat_id, message_id, version, posted_at, posted_ms, text, document)
       VALUES ($1, 'telegram', '-1001', $2, 0, $3, $4, $5, '{}')`,
      [key, String(i), minutesAfter(0), Date.parse(minutesAfter(0)), text],
    );
    await pool.query(
      `INSERT INTO review_case (id, item_key, status, queue, priority, reason, opened_at, opened_ms, updated_at)
       VALUES ($1, $2, 'open', 'q', 1, 'r', $3, $4, $3)`,
      [id, key, minutesAfter(0), Date.parse(minutesAfter(0))],
    );
    await pool.query(
      `INSERT INTO case_event (case_id, type, at, payload) VALUES ($1, 'case.opened', $2, '{"queue":"q","reason":"r"}')`,
      [id, minutesAfter(0)],
    );
    ids.push(id);
  }
  return { pool, store: new PgReviewStore(pool, () => new Date()), ids };
}

const eventTypes = async (pool: pg.Pool, caseId: string) =>
  (await pool.query('SELECT type, key FROM case_event WHERE case_id = $1 ORDER BY seq', [caseId])).rows;

describe('PgReviewStore', () => {
  it('enrols a case and round-trips new event kinds and the projection', async () => {
    const { pool, store, ids } = await storeWithCases(1);
    const id = ids[0] ?? '';
    await store.appendReviewEvents({
      caseId: id,
      routing: routing(),
      expectedVersion: 1,
      events: [],
      projection: projection(),
    });
    const result = await store.appendReviewEvents({
      caseId: id,
      expectedVersion: 1,
      events: [{ key: 'k1', event: claimEvent(id, 'ana', 61) }],
      projection: projection({ status: 'assigned', claimedBy: 'ana', claimExpiresAt: minutesAfter(76), version: 2 }),
    });
    expect(result).toEqual({ ok: true, appended: 1 });
    expect(await eventTypes(pool, id)).toEqual([
      { type: 'case.opened', key: null },
      { type: 'case.claimed', key: 'k1' },
    ]);
    expect(await store.getReviewCase(id)).toMatchObject({
      caseId: id,
      itemKey: 'telegram:-1001:0:0',
      queue: 'praise/en/*',
      status: 'assigned',
      claimedBy: 'ana',
      claimExpiresAt: minutesAfter(76),
      version: 2,
      graphic: false,
      rank: 1,
    });
    expect(await store.getReviewCase('case_none')).toBeUndefined();
  });

  it('appends idempotently by key and refuses a write based on a stale version', async () => {
    const { pool, store, ids } = await storeWithCases(1);
    const id = ids[0] ?? '';
    const append = {
      caseId: id,
      routing: routing(),
      expectedVersion: 1,
      events: [{ key: 'claim-1', event: claimEvent(id, 'ana', 61) }],
      projection: projection({ status: 'assigned', version: 2 }),
    };
    expect(await store.appendReviewEvents(append)).toEqual({ ok: true, appended: 1 });
    expect(await store.appendReviewEvents(append)).toEqual({ ok: true, appended: 0 });
    expect(await eventTypes(pool, id)).toHaveLength(2);
    const stale = { ...append, events: [{ key: 'claim-2', event: claimEvent(id, 'ben', 62) }] };
    expect(await store.appendReviewEvents(stale)).toEqual({ ok: false, conflict: true, version: 2 });
    expect(await eventTypes(pool, id)).toHaveLength(2);
    await expect(
      store.appendReviewEvents({
        ...append,
        expectedVersion: 2,
        events: [{ key: 'x', event: claimEvent('other', 'a', 1) }],
      }),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(
      store.appendReviewEvents({ caseId: ids[0] ?? '', expectedVersion: 2, events: [], projection: projection() }),
    ).resolves.toEqual({ ok: true, appended: 0 });
  });

  it('lets exactly one of several writers based on the same version through, across processes', async () => {
    const { pool, store, ids } = await storeWithCases(5);
    const otherPool = await schemas.poolOnSameSchema(pool, { max: 8 });
    const other = new PgReviewStore(otherPool, () => new Date());
    // Warm connections in both pools, so the writers below really do run at the same time.
    const warm = (p: pg.Pool) => Promise.all(Array.from({ length: 4 }, () => p.query('SELECT pg_sleep(0.05)')));
    await Promise.all([warm(pool), warm(otherPool)]);
    const claim = (s: PgReviewStore, id: string, reviewer: string) =>
      s.appendReviewEvents({
        caseId: id,
        ...(reviewer === 'ana' && { routing: routing() }),
        expectedVersion: 1,
        events: [{ key: `${id}-claim-${reviewer}`, event: claimEvent(id, reviewer, 61) }],
        projection: projection({ status: 'assigned', claimedBy: reviewer, version: 2 }),
      } satisfies ReviewAppend);
    for (const id of ids) {
      await store.appendReviewEvents({
        caseId: id,
        routing: routing(),
        expectedVersion: 1,
        events: [],
        projection: projection(),
      });
      const results = await Promise.all([
        claim(store, id, 'ana'),
        claim(other, id, 'ben'),
        claim(store, id, 'cy'),
        claim(other, id, 'di'),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(
        Array.from({ length: 3 }, () => ({ ok: false, conflict: true, version: 2 })),
      );
      expect(await eventTypes(pool, id)).toHaveLength(2);
    }
  });

  it('lists by queue and filters, highest rank first, in pages', async () => {
    const { store, ids } = await storeWithCases(5);
    const specs = [
      { rank: 3, lang: 'en', queue: 'praise/en/*' },
      { rank: 9, lang: 'ar', queue: 'praise/ar/*' },
      { rank: 5, lang: 'en', queue: 'praise/en/*' },
      { rank: 7, lang: 'en', queue: 'praise/en/*' },
      { rank: 1, lang: 'en', queue: 'praise/en/*', status: 'decided' as const },
    ];
    for (const [i, id] of ids.entries()) {
      const { status = 'open', ...r } = specs[i] ?? { rank: 0, lang: 'en', queue: 'x' };
      await store.appendReviewEvents({
        caseId: id,
        routing: routing(r),
        expectedVersion: 1,
        events: [],
        projection: projection({ status }),
      });
    }
    const first = await store.listReviewCases({ queue: 'praise/en/*', status: 'open', limit: 2 });
    expect(first.rows.map((r) => r.rank)).toEqual([7, 5]);
    const second = await store.listReviewCases({
      queue: 'praise/en/*',
      status: 'open',
      limit: 2,
      cursor: first.next ?? '',
    });
    expect(second.rows.map((r) => r.rank)).toEqual([3]);
    expect(second.next).toBeUndefined();
    expect((await store.listReviewCases({ lang: 'ar', limit: 10 })).rows.map((r) => r.rank)).toEqual([9]);
    expect((await store.listReviewCases({ limit: 10 })).rows.map((r) => r.rank)).toEqual([9, 7, 5, 3, 1]);
    await expect(store.listReviewCases({ limit: 1, cursor: 'bogus' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('counts graphic exposure per reviewer and day, once per case', async () => {
    const { store, ids } = await storeWithCases(3);
    for (const [i, id] of ids.entries()) {
      await store.appendReviewEvents({
        caseId: id,
        routing: routing({ graphic: i < 2 }),
        expectedVersion: 1,
        events: [
          { key: `${id}-a`, event: claimEvent(id, 'ana', 61) },
          { key: `${id}-b`, event: claimEvent(id, 'ana', 70) },
        ],
        projection: projection({ status: 'assigned', version: 3 }),
      });
    }
    expect(await store.graphicExposure('ana', minutesAfter(61).slice(0, 10))).toBe(2);
    expect(await store.graphicExposure('ben', minutesAfter(61).slice(0, 10))).toBe(0);
  });

  it('lists pending bank adds and decided cases with their item text', async () => {
    const { store, ids } = await storeWithCases(3, 'harmless synthetic words');
    const decided = [];
    for (const [i, id] of ids.entries()) {
      const decision = {
        caseId: id,
        outcome: 'remove' as const,
        category: 'praise' as const,
        reviewer: 'ana',
        decidedAt: minutesAfter(62 + (i % 2)),
      };
      const pending = {
        caseId: id,
        requestId: `r${i}`,
        bank: 'TVEC',
        requestedBy: 'ana',
        requestedAt: minutesAfter(63),
      };
      await store.appendReviewEvents({
        caseId: id,
        routing: routing(),
        expectedVersion: 1,
        events: [],
        projection: projection({ status: 'decided', decision, pendingBankAdds: i === 0 ? [pending] : [] }),
      });
      decided.push({
        caseId: id,
        itemKey: `telegram:-1001:${i}:0`,
        text: 'harmless synthetic words',
        lang: 'en',
        decision,
      });
    }
    expect(await store.listPendingBankAdds(10)).toEqual([
      { caseId: ids[0], requestId: 'r0', bank: 'TVEC', requestedBy: 'ana', requestedAt: minutesAfter(63) },
    ]);
    const first = await store.listDecidedCases(2);
    const second = await store.listDecidedCases(2, first.next);
    // By decision time, then case id: cases 0 and 2 were decided a minute before case 1.
    expect([...first.rows, ...second.rows]).toEqual([decided[0], decided[2], decided[1]]);
    expect(second.next).toBeUndefined();
  });
});
