import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Assessment, type Item, itemKey } from '../../core/index.js';
import type { ItemQuery, ItemSummary, Store } from '../ports.js';
import {
  makeAssessment,
  makeBatch,
  makeItem,
  makeRichItem,
  makeScannedBatch,
  makeSignal,
  makeViolating,
  minutesAfter,
} from './fixtures.js';
import type { StoreFactory } from './store-factory.js';
import { walkPages } from './walk-pages.js';

/** The summaries a correct store lists for `query`, worked out from what was saved. */
function expected(items: Item[], assessments: Assessment[], query: Omit<ItemQuery, 'limit'>): string[] {
  const byKey = new Map(assessments.map((a) => [a.itemKey, a]));
  const from = query.from === undefined ? -Infinity : Date.parse(query.from);
  const to = query.to === undefined ? Infinity : Date.parse(query.to);
  return items
    .filter((item) => {
      const a = byKey.get(itemKey(item));
      const at = Date.parse(item.postedAt);
      return (
        (query.chatId === undefined || item.chat.id === query.chatId) &&
        (query.verdict === undefined || a?.verdict === query.verdict) &&
        (query.category === undefined || (a?.categories ?? []).includes(query.category)) &&
        (query.org === undefined || (a?.orgs ?? []).includes(query.org)) &&
        at >= from &&
        at < to
      );
    })
    .sort((x, y) => Date.parse(y.postedAt) - Date.parse(x.postedAt) || (itemKey(y) < itemKey(x) ? -1 : 1))
    .map(itemKey);
}

const keysOf = (rows: ItemSummary[]): string[] => rows.map((row) => row.key);

/** ItemStore and AssessmentStore: full round trips, filtered lists and their pages. */
export function runItemStoreContract(factory: StoreFactory): void {
  describe('ItemStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('round-trips an item with every optional field', async () => {
      const item = makeRichItem();
      await store.saveBatch(makeBatch({ items: [item] }));
      expect(await store.getItem(itemKey(item))).toStrictEqual(item);
    });

    it('round-trips a minimal item, leaving absent fields absent', async () => {
      const item = makeItem({ text: '' });
      await store.saveBatch(makeBatch({ items: [item] }));
      expect(await store.getItem(itemKey(item))).toStrictEqual(item);
    });

    it('round-trips assessments, signals and evidence included', async () => {
      const rich = makeItem();
      const plain = makeItem();
      const violating = makeViolating(rich, {
        signals: [
          makeSignal({ category: 'praise', org: 'example-org-a', tactic: 'homoglyph', label: 'org-name' }),
          makeSignal({
            kind: 'classifier',
            evidence: [{ type: 'feature', name: 'f1', weight: -0.25 }],
            score: 0.123456789,
          }),
        ],
      });
      const clear = makeAssessment(plain, { confidence: 1, latencyMs: 0 });
      await store.saveBatch(makeBatch({ items: [rich, plain], assessments: [violating, clear] }));
      expect(await store.getAssessment(itemKey(rich))).toStrictEqual(violating);
      expect(await store.getAssessment(itemKey(plain))).toStrictEqual(clear);
    });

    it('answers undefined for keys it does not hold', async () => {
      expect(await store.getItem('telegram/-1/none/0')).toBeUndefined();
      expect(await store.getAssessment('telegram/-1/none/0')).toBeUndefined();
    });

    it('lists newest first by instant, whatever the offset, and breaks ties by key, descending', async () => {
      const a = makeItem({ messageId: '1', postedAt: '2024-03-01T12:00:00Z' });
      const b = makeItem({ messageId: '2', postedAt: '2024-03-01T14:30:00+03:00' }); // 11:30Z
      const c = makeItem({ messageId: '3', postedAt: '2024-03-01T12:00:00.000Z' });
      const d = makeItem({ messageId: '4', postedAt: '2024-03-01T12:00:00.001Z' });
      await store.saveBatch(makeBatch({ items: [a, b, c, d] }));
      const { rows } = await store.listItems({ limit: 10 });
      expect(keysOf(rows)).toEqual([itemKey(d), itemKey(c), itemKey(a), itemKey(b)]);
    });

    it('summarises each item with its verdict, categories and orgs', async () => {
      const item = makeItem({ chatId: '-1009', messageId: '5', version: 2 });
      const bare = makeItem();
      const assessment = makeViolating(item);
      await store.saveBatch(makeBatch({ items: [item, bare], assessments: [assessment] }));
      const { rows } = await store.listItems({ limit: 10 });
      expect(rows.find((row) => row.key === itemKey(item))).toStrictEqual({
        key: itemKey(item),
        platform: 'telegram',
        chatId: '-1009',
        messageId: '5',
        version: 2,
        postedAt: item.postedAt,
        verdict: 'violating',
        categories: assessment.categories,
        orgs: assessment.orgs,
      });
      expect(rows.find((row) => row.key === itemKey(bare))).toStrictEqual({
        key: itemKey(bare),
        platform: 'telegram',
        chatId: '-1001',
        messageId: bare.messageId,
        version: 0,
        postedAt: bare.postedAt,
        categories: [],
        orgs: [],
      });
    });

    describe('filters and pages', () => {
      let items: Item[];
      let assessments: Assessment[];
      beforeEach(async () => {
        const batch = makeScannedBatch(40, { chats: 3 });
        const unassessed = makeItem({ chatId: '-1000', postedAt: minutesAfter(7) });
        batch.items.push(unassessed);
        await store.saveBatch(batch);
        items = batch.items;
        assessments = batch.assessments;
      });

      const queries: Omit<ItemQuery, 'limit'>[] = [
        {},
        { chatId: '-1001' },
        { verdict: 'violating' },
        { verdict: 'review' },
        { verdict: 'clear' },
        { category: 'praise' },
        { category: 'threat' },
        { org: 'example-org-a' },
        { org: 'nobody' },
        { from: minutesAfter(10), to: minutesAfter(20) },
        { from: minutesAfter(10) },
        { to: minutesAfter(10) },
        { chatId: '-1002', verdict: 'violating', from: minutesAfter(5) },
        { verdict: 'review', category: 'threat', to: minutesAfter(30) },
      ];

      for (const query of queries) {
        it(`lists exactly the matching items for ${JSON.stringify(query)}`, async () => {
          const { rows } = await store.listItems({ ...query, limit: 1000 });
          expect(keysOf(rows)).toEqual(expected(items, assessments, query));
        });

        it(`walks every page of ${JSON.stringify(query)} without gaps or repeats`, async () => {
          const walked = await walkPages((cursor) => store.listItems({ ...query, limit: 3, cursor }));
          const want = expected(items, assessments, query);
          expect(keysOf(walked.rows)).toEqual(want);
          expect(walked.pages).toBe(Math.max(1, Math.ceil(want.length / 3)));
        });
      }

      it('counts from as inclusive and to as exclusive', async () => {
        const { rows } = await store.listItems({ from: minutesAfter(10), to: minutesAfter(12), limit: 10 });
        expect(rows.map((row) => row.postedAt)).toEqual([minutesAfter(11), minutesAfter(10)]);
      });

      it('keeps its place when newer items arrive between pages', async () => {
        const want = expected(items, assessments, {});
        let arrived = 0;
        const walked = await walkPages(
          (cursor) => store.listItems({ limit: 4, cursor }),
          async () => {
            arrived += 1;
            const newer = makeItem({ postedAt: minutesAfter(1000 + arrived) });
            await store.saveBatch(makeBatch({ items: [newer] }));
          },
        );
        expect(keysOf(walked.rows)).toEqual(want);
      });

      it('refuses a cursor it did not hand out', async () => {
        await expect(store.listItems({ limit: 5, cursor: 'not-a-cursor' })).rejects.toThrow();
        await expect(store.listItems({ limit: 5, cursor: 'W10' })).rejects.toThrow();
      });

      it('refuses a limit below one', async () => {
        await expect(store.listItems({ limit: 0 })).rejects.toThrow();
      });
    });
  });
}
