import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportCounts, Store } from '../ports.js';
import { makeAssessment, makeBatch, makeChannel, makeItem, makeViolating } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';

const FROM = '2024-03-01T00:00:00.000Z';
const TO = '2024-03-03T00:00:00.000Z';

/**
 * Seven items around a two-day period. Days are UTC: an item posted at 01:30 on the 2nd in
 * +03:00 belongs to the 1st. An item exactly at `from` counts; one exactly at `to` does not.
 */
function dataset() {
  const alpha = makeChannel({ id: '-100A', title: 'Alpha' });
  const at = (chatId: string, postedAt: string) => makeItem({ chatId, postedAt });
  const i1 = at('-100A', FROM);
  const i2 = at('-100A', '2024-03-02T01:30:00+03:00');
  const i3 = at('-100B', '2024-03-01T23:59:59.999Z');
  const i4 = at('-100B', '2024-03-02T00:00:00Z');
  const i5 = at('-100A', '2024-03-02T12:00:00Z');
  const atTo = at('-100A', TO);
  const before = at('-100A', '2024-02-29T23:59:59Z');
  const unassessed = at('-100A', '2024-03-02T13:00:00Z');
  return makeBatch({
    channels: [alpha],
    items: [i1, i2, i3, i4, i5, atTo, before, unassessed],
    assessments: [
      makeViolating(i1, { categories: ['praise', 'recruitment'], orgs: ['org-a'] }),
      makeAssessment(i2, { verdict: 'review', categories: ['threat'], orgs: ['org-a'] }),
      makeAssessment(i3, { categories: ['news'], orgs: ['org-b'] }),
      makeViolating(i4, { categories: ['praise'], orgs: ['org-b'] }),
      makeAssessment(i5),
      makeViolating(atTo, { categories: ['praise'], orgs: ['org-a'] }),
      makeViolating(before, { categories: ['praise'], orgs: ['org-a'] }),
    ],
  });
}

const EXPECTED: ReportCounts = {
  scanned: 5,
  violating: 2,
  review: 1,
  clear: 2,
  byDay: [
    { day: '2024-03-01', scanned: 3, violating: 1, review: 1 },
    { day: '2024-03-02', scanned: 2, violating: 1, review: 0 },
  ],
  byCategory: [
    { category: 'praise', violating: 2, review: 0 },
    { category: 'recruitment', violating: 1, review: 0 },
    { category: 'threat', violating: 0, review: 1 },
  ],
  byOrg: [
    { org: 'org-a', violating: 1, review: 1, mentions: 2 },
    { org: 'org-b', violating: 1, review: 0, mentions: 2 },
  ],
  byChannel: [
    { chatId: '-100A', title: 'Alpha', scanned: 3, violating: 1, review: 1 },
    { chatId: '-100B', scanned: 2, violating: 1, review: 0 },
  ],
};

/**
 * ReportStore: counts of assessed items posted in [from, to). Rows come most violating first
 * (then most in review, then by name); categories only seen on clear items are left out.
 */
export function runReportStoreContract(factory: StoreFactory): void {
  describe('ReportStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('counts a known dataset by day, category, org and channel', async () => {
      await store.saveBatch(dataset());
      expect(await store.reportCounts({ from: FROM, to: TO })).toStrictEqual(EXPECTED);
    });

    it('places days and boundaries by instant, whatever offset the period is given in', async () => {
      await store.saveBatch(dataset());
      const shifted = await store.reportCounts({ from: '2024-03-01T03:00:00+03:00', to: '2024-03-03T03:00:00+03:00' });
      expect(shifted).toStrictEqual(EXPECTED);
    });

    it('narrows to a single day', async () => {
      await store.saveBatch(dataset());
      const day = await store.reportCounts({ from: '2024-03-02T00:00:00Z', to: '2024-03-03T00:00:00Z' });
      expect(day.scanned).toBe(2);
      expect(day.byDay).toStrictEqual([{ day: '2024-03-02', scanned: 2, violating: 1, review: 0 }]);
      expect(day.byOrg).toStrictEqual([{ org: 'org-b', violating: 1, review: 0, mentions: 1 }]);
    });

    it('answers zeros for an empty period', async () => {
      await store.saveBatch(dataset());
      expect(await store.reportCounts({ from: '2030-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' })).toStrictEqual({
        scanned: 0,
        violating: 0,
        review: 0,
        clear: 0,
        byDay: [],
        byCategory: [],
        byOrg: [],
        byChannel: [],
      });
    });

    it('refuses a period that ends before it starts', async () => {
      await expect(store.reportCounts({ from: TO, to: FROM })).rejects.toThrow();
    });
  });
}
