import { describe, expect, it } from 'vitest';
import { type CaseEvent, itemKey } from '../../core/index.js';
import {
  caseOpened,
  makeAssessment,
  makeBatch,
  makeCase,
  makeItem,
  makeProjection,
  makeRouting,
  minutesAfter,
} from './fixtures.js';
import type { StoreFactory } from './store-factory.js';

/** A store holding `n` scanned cases (item, assessment, case row, opening event), as a scan leaves them. */
async function storeWithCases(factory: StoreFactory, n: number, text = 'synthetic filler') {
  const store = await factory.make();
  const items = Array.from({ length: n }, () => makeItem({ text }));
  const cases = items.map((i) => makeCase(itemKey(i)));
  // A scan stores a case only with the assessment that opened it.
  const assessments = items.map((i) => makeAssessment(i));
  await store.saveBatch(makeBatch({ items, assessments, cases, caseEvents: cases.map(caseOpened) }));
  return { store, cases };
}

const claimEvent = (caseId: string, reviewer: string, minute: number): CaseEvent => ({
  type: 'case.claimed',
  caseId,
  at: minutesAfter(minute),
  reviewer,
  expiresAt: minutesAfter(minute + 15),
});

/** ReviewStore: the case event log with its status projection, queues and exposure counts. */
export function runReviewStoreContract(factory: StoreFactory): void {
  describe('ReviewStore contract', () => {
    it('enrols a case and round-trips new event kinds and the projection', async () => {
      const { store, cases } = await storeWithCases(factory, 1);
      const [c] = cases;
      if (!c) throw new Error('no case');
      await store.appendReviewEvents({
        caseId: c.id,
        routing: makeRouting(),
        expectedVersion: 1,
        events: [],
        projection: makeProjection(),
      });
      const claim = claimEvent(c.id, 'ana', 61);
      const result = await store.appendReviewEvents({
        caseId: c.id,
        expectedVersion: 1,
        events: [{ key: 'k1', event: claim }],
        projection: makeProjection({
          status: 'assigned',
          claimedBy: 'ana',
          claimExpiresAt: minutesAfter(76),
          version: 2,
        }),
      });
      expect(result).toEqual({ ok: true, appended: 1 });
      expect(await store.listCaseEvents(c.id)).toEqual([caseOpened(c), claim]);
      expect(await store.getReviewCase(c.id)).toMatchObject({
        caseId: c.id,
        itemKey: c.itemKey,
        queue: 'praise/en/*',
        status: 'assigned',
        claimedBy: 'ana',
        version: 2,
      });
      // The older CaseStore view follows the projection, so both lists agree.
      expect((await store.getCase(c.id))?.status).toBe('assigned');
      await store.close();
    });

    it('appends idempotently by key and refuses a write based on a stale version', async () => {
      const { store, cases } = await storeWithCases(factory, 1);
      const id = cases[0]?.id ?? '';
      const append = {
        caseId: id,
        routing: makeRouting(),
        expectedVersion: 1,
        events: [{ key: 'claim-1', event: claimEvent(id, 'ana', 61) }],
        projection: makeProjection({ status: 'assigned', version: 2 }),
      };
      expect(await store.appendReviewEvents(append)).toEqual({ ok: true, appended: 1 });
      expect(await store.appendReviewEvents(append)).toEqual({ ok: true, appended: 0 });
      expect(await store.listCaseEvents(id)).toHaveLength(2);
      const stale = { ...append, events: [{ key: 'claim-2', event: claimEvent(id, 'ben', 62) }] };
      expect(await store.appendReviewEvents(stale)).toEqual({ ok: false, conflict: true, version: 2 });
      expect(await store.listCaseEvents(id)).toHaveLength(2);
      await store.close();
    });

    it('lists by queue and filters, highest rank first, in pages', async () => {
      const { store, cases } = await storeWithCases(factory, 5);
      const specs = [
        { rank: 3, lang: 'en', queue: 'praise/en/*' },
        { rank: 9, lang: 'ar', queue: 'praise/ar/*' },
        { rank: 5, lang: 'en', queue: 'praise/en/*' },
        { rank: 7, lang: 'en', queue: 'praise/en/*' },
        { rank: 1, lang: 'en', queue: 'praise/en/*', status: 'decided' as const },
      ];
      for (const [i, c] of cases.entries()) {
        const { status = 'open', ...r } = specs[i] ?? { rank: 0, lang: 'en', queue: 'x' };
        await store.appendReviewEvents({
          caseId: c.id,
          routing: makeRouting(r),
          expectedVersion: 1,
          events: [],
          projection: makeProjection({ status }),
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
      await store.close();
    });

    it('counts graphic exposure per reviewer and day, once per case', async () => {
      const { store, cases } = await storeWithCases(factory, 3);
      for (const [i, c] of cases.entries()) {
        await store.appendReviewEvents({
          caseId: c.id,
          routing: makeRouting({ graphic: i < 2 }),
          expectedVersion: 1,
          events: [
            { key: `${c.id}-a`, event: claimEvent(c.id, 'ana', 61) },
            { key: `${c.id}-b`, event: claimEvent(c.id, 'ana', 70) },
          ],
          projection: makeProjection({ status: 'assigned', version: 3 }),
        });
      }
      expect(await store.graphicExposure('ana', minutesAfter(61).slice(0, 10))).toBe(2);
      expect(await store.graphicExposure('ben', minutesAfter(61).slice(0, 10))).toBe(0);
      await store.close();
    });

    it('lists pending bank adds and decided cases with their item text', async () => {
      const { store, cases } = await storeWithCases(factory, 1, 'harmless synthetic words');
      const c = cases[0];
      if (!c) throw new Error('no case');
      const decision = {
        caseId: c.id,
        outcome: 'remove' as const,
        category: 'praise' as const,
        reviewer: 'ana',
        decidedAt: minutesAfter(62),
      };
      const pending = {
        caseId: c.id,
        requestId: 'r1',
        bank: 'TVEC',
        requestedBy: 'ana',
        requestedAt: minutesAfter(63),
      };
      await store.appendReviewEvents({
        caseId: c.id,
        routing: makeRouting(),
        expectedVersion: 1,
        events: [],
        projection: makeProjection({ status: 'decided', decision, pendingBankAdds: [pending] }),
      });
      expect(await store.listPendingBankAdds(10)).toEqual([pending]);
      const decided = await store.listDecidedCases(10);
      expect(decided.rows).toEqual([
        { caseId: c.id, itemKey: c.itemKey, text: 'harmless synthetic words', lang: 'en', decision },
      ]);
      await store.close();
    });
  });
}
