import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemKey } from '../../core/index.js';
import { makeAssessment, makeItem } from '../contract/fixtures.js';
import type { NewEvidence } from '../ports.js';
import { PgEvidenceStore } from './evidence-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('evidence');
});
afterAll(() => schemas.drop());

/** Three records due before NOW, one exactly at NOW (due), two later (kept). */
const NOW = '2026-09-01T00:00:00.000Z';
const PURGE_AFTER = [
  '2026-06-01T00:00:00.000Z',
  '2026-09-01T00:00:00.000Z',
  '2026-09-01T00:00:00.001Z',
  '2026-07-15T00:00:00.000Z',
  '2027-01-01T00:00:00.000Z',
  '2026-08-31T23:59:59.999Z',
];

function record(n: number, purgeAfter: string): NewEvidence {
  const item = makeItem({ text: `synthetic filler ${n}` });
  return {
    caseId: `case-${n}`,
    itemKey: itemKey(item),
    item,
    ...(n === 0 && { assessment: makeAssessment(item) }),
    decision: { caseId: `case-${n}`, outcome: 'remove', reviewer: 'ana', decidedAt: `2026-01-0${n + 1}T00:00:00.000Z` },
    media:
      n === 0 ? [{ kind: 'photo', status: 'present', path: 'photos/a.jpg', sha256: 'ab'.repeat(32), size: 3 }] : [],
    preservedAt: '2026-01-01T00:00:00.000Z',
    purgeAfter,
  };
}

async function seeded() {
  const store = new PgEvidenceStore(await schemas.pool(), () => new Date());
  const records = PURGE_AFTER.map((purgeAfter, n) => record(n, purgeAfter));
  for (const r of records) await store.preserveEvidence(r);
  return { store, records };
}

describe('PgEvidenceStore', () => {
  it('preserves once per decision and round-trips every field', async () => {
    const { store, records } = await seeded();
    const first = records[0] as NewEvidence;
    expect(await store.getEvidence(1)).toStrictEqual({ id: 1, ...first });
    const again = await store.preserveEvidence({ ...first, preservedAt: '2026-02-01T00:00:00.000Z' });
    expect(again).toStrictEqual({ id: 1, ...first });
    expect(await store.getEvidence(2)).not.toHaveProperty('assessment');
    expect(await store.getEvidence(99)).toBeUndefined();
    expect(await store.getEvidence(1.5)).toBeUndefined();
  });

  it('lists summaries oldest first in pages, and the expired ones', async () => {
    const { store } = await seeded();
    const first = await store.listEvidence({ limit: 4 });
    expect(first.rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(first.rows[0]).toStrictEqual({
      id: 1,
      caseId: 'case-0',
      itemKey: first.rows[0]?.itemKey,
      decidedAt: '2026-01-01T00:00:00.000Z',
      preservedAt: '2026-01-01T00:00:00.000Z',
      purgeAfter: PURGE_AFTER[0],
      media: 1,
    });
    const second = await store.listEvidence({ limit: 4, cursor: first.next ?? '' });
    expect(second.rows.map((r) => r.id)).toEqual([5, 6]);
    expect(second.next).toBeUndefined();
    expect((await store.listExpiredEvidence(NOW)).map((r) => r.id)).toEqual([1, 2, 4, 6]);
  });

  it('deletes only expired records even when asked for others, and never reuses an id', async () => {
    const { store } = await seeded();
    expect(await store.deleteExpiredEvidence([1, 3, 5, 6, 6, 42], NOW)).toBe(2);
    expect((await store.listEvidence({ limit: 10 })).rows.map((r) => r.id)).toEqual([2, 3, 4, 5]);
    expect(await store.deleteExpiredEvidence([], NOW)).toBe(0);
    const later = await store.preserveEvidence(record(7, '2027-06-01T00:00:00.000Z'));
    expect(later.id).toBe(7);
  });
});
