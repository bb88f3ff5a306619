import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../core/index.js';
import { makeProjection, makeRouting, minutesAfter } from '../contract/fixtures.js';
import type { ReviewAppend } from '../ports.js';
import { PgReviewStore } from './review-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('review');
});
afterAll(() => schemas.drop());

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

/*
 * The shared behaviour runs as the ReviewStore contract on PgStore (pg-store.int.test.ts); here
 * only what needs two pools of one database: writers in separate processes.
 */
describe('PgReviewStore across processes', () => {
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
        ...(reviewer === 'ana' && { routing: makeRouting() }),
        expectedVersion: 1,
        events: [{ key: `${id}-claim-${reviewer}`, event: claimEvent(id, reviewer, 61) }],
        projection: makeProjection({ status: 'assigned', claimedBy: reviewer, version: 2 }),
      } satisfies ReviewAppend);
    for (const id of ids) {
      await store.appendReviewEvents({
        caseId: id,
        routing: makeRouting(),
        expectedVersion: 1,
        events: [],
        projection: makeProjection(),
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
});
