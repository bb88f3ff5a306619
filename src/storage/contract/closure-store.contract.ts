import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelClosure, Item } from '../../core/index.js';
import type { Store } from '../ports.js';
import { makeAssessment, makeBatch, makeItem, makeRichItem, makeViolating, minutesAfter } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';
import { walkPages } from './walk-pages.js';

function closure(fixture: Partial<ChannelClosure> = {}): ChannelClosure {
  return {
    platform: 'telegram',
    chatRef: '-1001',
    closedAt: minutesAfter(0),
    source: 'manual',
    recordedBy: 'reviewer-1',
    recordedAt: minutesAfter(1),
    ...fixture,
  };
}

/** ChannelClosureStore: closed chats, and stored items read back oldest first for the network. */
export function runClosureStoreContract(factory: StoreFactory): void {
  describe('ChannelClosureStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('records a closure once, whatever the number of reports, with its optional fields', async () => {
      const full = closure({ nodeId: 'chat:-1001', note: 'reported by the platform', source: 'import' });
      expect(await store.recordClosure(full)).toBe(true);
      expect(await store.recordClosure({ ...full, note: 'again', recordedBy: 'someone-else' })).toBe(false);
      const bare = closure({ chatRef: '@example_news', closedAt: minutesAfter(5) });
      expect(await store.recordClosure(bare)).toBe(true);
      const { rows, next } = await store.listClosures({ limit: 10 });
      expect(rows).toStrictEqual([full, bare]);
      expect(next).toBeUndefined();
    });

    it('lists oldest closure first, by platform, over pages without gaps or repeats', async () => {
      const recorded: ChannelClosure[] = [];
      for (let n = 0; n < 9; n++) {
        const c = closure({
          chatRef: `chat-${n}`,
          platform: n % 3 === 0 ? 'other' : 'telegram',
          closedAt: minutesAfter(9 - n),
        });
        await store.recordClosure(c);
        recorded.push(c);
      }
      // Two closures at the same instant keep their recording order.
      const twin = closure({ chatRef: 'chat-twin', closedAt: minutesAfter(4) });
      await store.recordClosure(twin);
      recorded.push(twin);
      const byTime = (x: ChannelClosure, y: ChannelClosure) => Date.parse(x.closedAt) - Date.parse(y.closedAt);
      const all = await walkPages((cursor) => store.listClosures({ limit: 3, cursor }));
      expect(all.rows.map((c) => c.chatRef)).toStrictEqual([...recorded].sort(byTime).map((c) => c.chatRef));
      const telegram = await walkPages((cursor) => store.listClosures({ platform: 'telegram', limit: 2, cursor }));
      expect(telegram.rows).toStrictEqual(recorded.filter((c) => c.platform === 'telegram').sort(byTime));
    });

    it('refuses a cursor it did not hand out', async () => {
      await expect(store.listClosures({ limit: 2, cursor: 'not-a-cursor' })).rejects.toThrow();
      await expect(store.listNetworkRows(2, 'not-a-cursor')).rejects.toThrow();
    });

    it('reads every item back oldest first with its tactics and orgs, over pages', async () => {
      const items: Item[] = [];
      for (let n = 0; n < 7; n++) items.push(makeItem({ chatId: `-10${n % 2}`, postedAt: minutesAfter(7 - n) }));
      const rich = makeRichItem({ postedAt: minutesAfter(3) });
      items.push(rich);
      const assessed = items.slice(0, 5);
      const assessments = assessed.map((item, n) =>
        n === 0
          ? makeViolating(item, { tactics: ['zero-width', 'tatweel'], orgs: ['org-b', 'org-a'] })
          : makeAssessment(item),
      );
      await store.saveBatch(makeBatch({ items, assessments }));
      const { rows, pages } = await walkPages((cursor) => store.listNetworkRows(3, cursor));
      expect(pages).toBe(3);
      const posted = (item: Item) => Date.parse(item.postedAt);
      expect(rows.map((r) => posted(r.item))).toStrictEqual(items.map(posted).sort((x, y) => x - y));
      const first = items[0] as Item;
      const byId = new Map(rows.map((r) => [r.item.messageId, r]));
      expect(byId.get(first.messageId)).toMatchObject({ tactics: ['zero-width', 'tatweel'], orgs: ['org-b', 'org-a'] });
      expect(byId.get((items[1] as Item).messageId)).toMatchObject({ tactics: [], orgs: [] });
      // Not assessed: no tactics or orgs, and the whole item still round-trips.
      expect(byId.get(rich.messageId)).toStrictEqual({ item: rich, tactics: [], orgs: [] });
      expect(rows.every((r) => r.language === undefined)).toBe(true);
    });

    it('has no network rows in an empty store', async () => {
      expect(await store.listNetworkRows(5)).toStrictEqual({ rows: [] });
    });
  });
}
