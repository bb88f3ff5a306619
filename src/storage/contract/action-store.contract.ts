import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Action, itemKey } from '../../core/index.js';
import type { Store } from '../ports.js';
import { makeAction, makeBatch, makeItem, makeViolating, minutesAfter } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';
import { walkPages } from './walk-pages.js';

/** ActionStore: the outbox, oldest request first. */
export function runActionStoreContract(factory: StoreFactory): void {
  describe('ActionStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    async function saveActions(build: ((key: string, n: number) => Action)[]): Promise<Action[]> {
      const items = build.map(() => makeItem());
      const actions = build.map((b, n) => b(itemKey(items[n] as (typeof items)[number]), n));
      await store.saveBatch(makeBatch({ items, assessments: items.map((i) => makeViolating(i)), actions }));
      return actions;
    }

    it('round-trips actions with and without their optional fields', async () => {
      const actions = await saveActions([
        (key) => makeAction(key),
        (key) =>
          makeAction(key, {
            kind: 'webhook',
            target: 'example-hook',
            status: 'confirmed',
            attempts: 2,
            requestedAt: minutesAfter(61),
            lastAttemptAt: minutesAfter(62),
            confirmedAt: minutesAfter(63),
            outcome: 'accepted',
          }),
      ]);
      const { rows } = await store.listActions({ limit: 10 });
      expect(rows).toStrictEqual(actions);
    });

    it('lists oldest request first, by status, over pages without gaps or repeats', async () => {
      const statuses = ['requested', 'sent', 'failed'] as const;
      const actions = await saveActions(
        Array.from(
          { length: 14 },
          (_, n) => (key: string) => makeAction(key, { status: statuses[n % 3], requestedAt: minutesAfter(n % 4) }),
        ),
      );
      const order = (x: Action, y: Action) =>
        Date.parse(x.requestedAt) - Date.parse(y.requestedAt) || (x.id < y.id ? -1 : 1);
      const all = await walkPages((cursor) => store.listActions({ limit: 4, cursor }));
      expect(all.rows).toStrictEqual([...actions].sort(order));
      const sent = await walkPages((cursor) => store.listActions({ status: 'sent', limit: 2, cursor }));
      expect(sent.rows).toStrictEqual(actions.filter((a) => a.status === 'sent').sort(order));
      expect((await store.listActions({ status: 'cancelled', limit: 5 })).rows).toEqual([]);
    });
  });
}
