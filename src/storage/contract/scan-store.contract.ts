import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemKey } from '../../core/index.js';
import type { ScanBatch, Store } from '../ports.js';
import {
  caseOpened,
  makeAction,
  makeAssessment,
  makeBatch,
  makeCase,
  makeChannel,
  makeChannelEvent,
  makeItem,
  makeScannedBatch,
  makeViolating,
} from './fixtures.js';
import type { StoreFactory } from './store-factory.js';

/** Everything a batch can leave behind, read back through the ports. */
async function snapshot(store: Store, batch: ScanBatch): Promise<unknown> {
  const keys = batch.items.map(itemKey);
  return {
    items: await Promise.all(keys.map((key) => store.getItem(key))),
    assessments: await Promise.all(keys.map((key) => store.getAssessment(key))),
    list: await store.listItems({ limit: 1000 }),
    cases: await store.listCases({ limit: 1000 }),
    events: await Promise.all(batch.cases.map((c) => store.listCaseEvents(c.id))),
    actions: await store.listActions({ limit: 1000 }),
    channels: await store.listChannels(1000),
    channelEvents: await store.listChannelEvents('telegram', '-1001', 1000),
  };
}

/** ScanStore: what a scan writes, all or nothing, exactly once. */
export function runScanStoreContract(factory: StoreFactory): void {
  describe('ScanStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('saves a batch and reports what it inserted', async () => {
      const batch = makeScannedBatch(9);
      batch.channelEvents.push(makeChannelEvent(), makeChannelEvent());
      const result = await store.saveBatch(batch);
      expect(result).toEqual({ itemsInserted: 9, assessmentsInserted: 9, channelEventsInserted: 2 });
      expect((await store.listItems({ limit: 100 })).rows).toHaveLength(9);
      expect((await store.listCases({ limit: 100 })).rows).toHaveLength(batch.cases.length);
      expect((await store.listActions({ limit: 100 })).rows).toHaveLength(batch.actions.length);
    });

    it('accepts an empty batch', async () => {
      const result = await store.saveBatch(makeBatch());
      expect(result).toEqual({ itemsInserted: 0, assessmentsInserted: 0, channelEventsInserted: 0 });
    });

    it('is idempotent: the same batch twice inserts nothing the second time and changes nothing', async () => {
      const batch = makeScannedBatch(12);
      batch.channelEvents.push(makeChannelEvent());
      await store.saveBatch(batch);
      const before = await snapshot(store, batch);
      const again = await store.saveBatch(batch);
      expect(again).toEqual({ itemsInserted: 0, assessmentsInserted: 0, channelEventsInserted: 0 });
      expect(await snapshot(store, batch)).toEqual(before);
    });

    it('keeps the first assessment of an item version; a later one and its follow-ups are ignored', async () => {
      const item = makeItem();
      const first = makeAssessment(item);
      await store.saveBatch(makeBatch({ items: [item], assessments: [first] }));
      const key = itemKey(item);
      const c = makeCase(key);
      const result = await store.saveBatch(
        makeBatch({
          items: [item],
          assessments: [makeViolating(item)],
          cases: [c],
          caseEvents: [caseOpened(c)],
          actions: [makeAction(key)],
        }),
      );
      expect(result.assessmentsInserted).toBe(0);
      expect(await store.getAssessment(key)).toEqual(first);
      expect(await store.getCase(c.id)).toBeUndefined();
      expect(await store.listCaseEvents(c.id)).toEqual([]);
      expect((await store.listActions({ limit: 10 })).rows).toEqual([]);
    });

    it('stores a new version of the same message as a separate item', async () => {
      const original = makeItem({ messageId: '77', text: 'hello world' });
      const edited = { ...original, version: 1, text: 'hello again world' };
      await store.saveBatch(makeBatch({ items: [original], assessments: [makeAssessment(original)] }));
      const result = await store.saveBatch(makeBatch({ items: [edited], assessments: [makeViolating(edited)] }));
      expect(result).toMatchObject({ itemsInserted: 1, assessmentsInserted: 1 });
      expect(itemKey(original)).not.toBe(itemKey(edited));
      expect(await store.getItem(itemKey(original))).toEqual(original);
      expect(await store.getItem(itemKey(edited))).toEqual(edited);
      const found = await store.findAssessed([itemKey(original), itemKey(edited)]);
      expect(found.get(itemKey(original))?.verdict).toBe('clear');
      expect(found.get(itemKey(edited))?.verdict).toBe('violating');
    });

    it('assesses an item stored earlier without an assessment, with its follow-ups', async () => {
      const item = makeItem();
      const key = itemKey(item);
      await store.saveBatch(makeBatch({ items: [item] }));
      expect(await store.getAssessment(key)).toBeUndefined();
      const c = makeCase(key);
      const result = await store.saveBatch(
        makeBatch({
          assessments: [makeViolating(item)],
          cases: [c],
          caseEvents: [caseOpened(c)],
          actions: [makeAction(key)],
        }),
      );
      expect(result).toEqual({ itemsInserted: 0, assessmentsInserted: 1, channelEventsInserted: 0 });
      expect((await store.getAssessment(key))?.verdict).toBe('violating');
      expect(await store.getCase(c.id)).toEqual(c);
      expect(await store.listCaseEvents(c.id)).toEqual([caseOpened(c)]);
      expect((await store.listActions({ limit: 10 })).rows).toHaveLength(1);
    });

    it('finds the assessed summary of known keys and leaves out the rest', async () => {
      const batch = makeScannedBatch(6);
      const unassessed = makeItem();
      batch.items.push(unassessed);
      await store.saveBatch(batch);
      const keys = [...batch.items.map(itemKey), 'telegram/-1/never/0'];
      const found = await store.findAssessed(keys);
      expect(found.size).toBe(6);
      expect(found.has(itemKey(unassessed))).toBe(false);
      expect(found.has('telegram/-1/never/0')).toBe(false);
      for (const a of batch.assessments) {
        expect(found.get(a.itemKey)).toEqual({ verdict: a.verdict, categories: a.categories, orgs: a.orgs });
      }
      expect((await store.findAssessed([])).size).toBe(0);
    });

    it('finds assessed keys in lists longer than any single lookup', async () => {
      const batch = makeScannedBatch(2600);
      await store.saveBatch(batch);
      const keys = [...batch.items.map(itemKey), ...Array.from({ length: 400 }, (_, n) => `telegram/-9/${n}/0`)];
      const found = await store.findAssessed(keys);
      expect(found.size).toBe(2600);
    });

    it('leaves nothing behind when an assessment names an item that is not stored', async () => {
      const batch = makeScannedBatch(5);
      batch.channelEvents.push(makeChannelEvent());
      batch.assessments.push(makeAssessment('telegram/-1001/missing/0'));
      await expect(store.saveBatch(batch)).rejects.toThrow();
      expect((await store.listItems({ limit: 10 })).rows).toEqual([]);
      expect((await store.findAssessed(batch.items.map(itemKey))).size).toBe(0);
      expect((await store.listCases({ limit: 10 })).rows).toEqual([]);
      expect((await store.listActions({ limit: 10 })).rows).toEqual([]);
      expect((await store.listChannels(10)).rows).toEqual([]);
      expect(await store.listChannelEvents('telegram', '-1001', 10)).toEqual([]);
    });

    it('leaves nothing behind when reading the batch throws midway', async () => {
      const batch = makeScannedBatch(6);
      batch.channelEvents.push(makeChannelEvent());
      const poisoned = batch.assessments[4];
      if (!poisoned) throw new Error('fixture has no fifth assessment');
      Object.defineProperty(poisoned, 'verdict', {
        get() {
          throw new Error('boom');
        },
      });
      await expect(store.saveBatch(batch)).rejects.toThrow();
      expect((await store.listItems({ limit: 10 })).rows).toEqual([]);
      expect((await store.listCases({ limit: 10 })).rows).toEqual([]);
      expect((await store.listActions({ limit: 10 })).rows).toEqual([]);
      expect((await store.listChannels(10)).rows).toEqual([]);
      expect(await store.listChannelEvents('telegram', '-1001', 10)).toEqual([]);
    });

    it('stays usable after a failed batch', async () => {
      const bad = makeScannedBatch(3);
      bad.assessments.push(makeAssessment('telegram/-1001/missing/0'));
      await expect(store.saveBatch(bad)).rejects.toThrow();
      const good = makeScannedBatch(3);
      expect((await store.saveBatch(good)).itemsInserted).toBe(3);
    });

    it('rejects a case event whose case is not in the batch', async () => {
      const item = makeItem();
      const stray = caseOpened(makeCase(itemKey(item)));
      const batch = makeBatch({ items: [item], assessments: [makeViolating(item)], caseEvents: [stray] });
      await expect(store.saveBatch(batch)).rejects.toThrow();
      expect(await store.getItem(itemKey(item))).toBeUndefined();
    });

    it('upserts the channels of a batch', async () => {
      await store.saveBatch(makeBatch({ channels: [makeChannel({ id: '-1005', title: 'Five' })] }));
      expect((await store.getChannel('telegram', '-1005'))?.title).toBe('Five');
    });
  });
}
