import { describe, expect, it } from 'vitest';
import { itemKey } from '../../core/index.js';
import { makeItem } from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { verifyAuditLog } from '../audit-log.js';
import { purgeDigest, purgeEvidence } from './purge.js';

const NOW = new Date('2026-09-01T00:00:00.000Z');
const clock = () => NOW;

/** Three records due before NOW, one exactly at NOW (due), two later (kept). */
const PURGE_AFTER = [
  '2026-06-01T00:00:00.000Z',
  '2026-09-01T00:00:00.000Z',
  '2026-09-01T00:00:00.001Z',
  '2026-07-15T00:00:00.000Z',
  '2027-01-01T00:00:00.000Z',
  '2026-08-31T23:59:59.999Z',
];

async function seeded() {
  const store = await freshStore();
  for (const [n, purgeAfter] of PURGE_AFTER.entries()) {
    const item = makeItem({ text: `synthetic filler ${n}` });
    await store.preserveEvidence({
      caseId: `case-${n}`,
      itemKey: itemKey(item),
      item,
      decision: {
        caseId: `case-${n}`,
        outcome: 'remove',
        reviewer: 'ana',
        decidedAt: `2026-01-0${n + 1}T00:00:00.000Z`,
      },
      media: [],
      preservedAt: '2026-01-01T00:00:00.000Z',
      purgeAfter,
    });
  }
  return store;
}

const remainingIds = async (store: Store) => (await store.listEvidence({ limit: 100 })).rows.map((r) => r.id);

describe('purgeEvidence', () => {
  it('deletes only records past purgeAfter, and audits the run once', async () => {
    const store = await seeded();
    const result = await purgeEvidence(store, { actor: 'cli:ops', clock });
    expect(result.due.map((r) => r.id)).toEqual([1, 2, 4, 6]);
    expect(result.deleted).toBe(4);
    expect(await remainingIds(store)).toEqual([3, 5]);
    const audit = (await store.listAudit({ limit: 10 })).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'cli:ops',
      action: 'evidence.purge',
      at: NOW.toISOString(),
      target: 'evidence #1..#6',
      reason: 'retention elapsed',
      details: { count: 4, firstId: 1, lastId: 6, asOf: NOW.toISOString(), digest: purgeDigest(result.due) },
    });
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true, entries: 1 });
    await store.close();
  });

  it('a dry run deletes nothing and audits nothing', async () => {
    const store = await seeded();
    const result = await purgeEvidence(store, { actor: 'cli:ops', clock, dryRun: true });
    expect(result).toMatchObject({ dryRun: true, deleted: 0 });
    expect(result.due).toHaveLength(4);
    expect(await remainingIds(store)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await store.listAudit({ limit: 10 })).rows).toEqual([]);
    // Looking ahead is allowed in a dry run: everything is due by 2028.
    const ahead = await purgeEvidence(store, { actor: 'cli:ops', clock, dryRun: true, asOf: new Date('2028-01-01') });
    expect(ahead.due).toHaveLength(6);
    await store.close();
  });

  it('refuses to run a real purge ahead of the clock', async () => {
    const store = await seeded();
    await expect(purgeEvidence(store, { actor: 'cli:ops', clock, asOf: new Date('2028-01-01') })).rejects.toThrow(
      /later than now/,
    );
    expect(await remainingIds(store)).toHaveLength(6);
    expect((await store.listAudit({ limit: 10 })).rows).toEqual([]);
    await store.close();
  });

  it('audits a run that finds nothing due, and a second run deletes nothing more', async () => {
    const store = await seeded();
    await purgeEvidence(store, { actor: 'cli:ops', clock });
    const again = await purgeEvidence(store, { actor: 'cli:ops', clock });
    expect(again).toMatchObject({ deleted: 0, due: [] });
    expect(again.audit).toMatchObject({ seq: 2, target: '', details: { count: 0, firstId: null } });
    expect(await remainingIds(store)).toEqual([3, 5]);
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true, entries: 2 });
    await store.close();
  });

  it('the store deletes only expired records even when asked for others', async () => {
    const store = await seeded();
    expect(await store.deleteExpiredEvidence([1, 3, 5], NOW.toISOString())).toBe(1);
    expect(await remainingIds(store)).toEqual([2, 3, 4, 5, 6]);
    await store.close();
  });
});
