import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Case, type CaseEvent, type Item, itemKey } from '../../core/index.js';
import type { Store } from '../ports.js';
import { caseOpened, makeBatch, makeCase, makeItem, makeViolating, minutesAfter } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';
import { walkPages } from './walk-pages.js';

/** CaseStore: cases in queue order, and their append-only event history. */
export function runCaseStoreContract(factory: StoreFactory): void {
  describe('CaseStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Saves one assessed item per case, so every case is opened by its own assessment. */
    async function saveCases(
      cases: ((key: string) => Case)[],
      events: (c: Case) => CaseEvent[] = (c) => [caseOpened(c)],
    ) {
      const items: Item[] = cases.map(() => makeItem());
      const made = cases.map((build, n) => build(itemKey(items[n] as Item)));
      await store.saveBatch(
        makeBatch({
          items,
          assessments: items.map((i) => makeViolating(i)),
          cases: made,
          caseEvents: made.flatMap(events),
        }),
      );
      return made;
    }

    it('round-trips a case', async () => {
      const [c] = await saveCases([(key) => makeCase(key, { queue: 'urgent', priority: 87.5, status: 'assigned' })]);
      expect(await store.getCase((c as Case).id)).toStrictEqual(c);
      expect(await store.getCase('case_missing')).toBeUndefined();
    });

    it('keeps every kind of event, in the order appended', async () => {
      const [c] = await saveCases([(key) => makeCase(key)], (opened) => [
        caseOpened(opened),
        { type: 'case.assigned', caseId: opened.id, at: minutesAfter(61), reviewer: 'reviewer-1' },
        {
          type: 'decision.recorded',
          caseId: opened.id,
          at: minutesAfter(62),
          decision: {
            caseId: opened.id,
            outcome: 'remove',
            category: 'praise',
            note: 'made-up note',
            reviewer: 'reviewer-1',
            decidedAt: minutesAfter(62),
          },
        },
        { type: 'case.closed', caseId: opened.id, at: minutesAfter(59), reason: 'done' },
      ]);
      const events = await store.listCaseEvents((c as Case).id);
      expect(events.map((e) => e.type)).toEqual(['case.opened', 'case.assigned', 'decision.recorded', 'case.closed']);
      expect(events[2]).toStrictEqual({
        type: 'decision.recorded',
        caseId: (c as Case).id,
        at: minutesAfter(62),
        decision: {
          caseId: (c as Case).id,
          outcome: 'remove',
          category: 'praise',
          note: 'made-up note',
          reviewer: 'reviewer-1',
          decidedAt: minutesAfter(62),
        },
      });
      expect(await store.listCaseEvents('case_missing')).toEqual([]);
    });

    it('lists the queue by priority, then longest waiting, over pages without gaps or repeats', async () => {
      const cases = await saveCases(
        Array.from(
          { length: 13 },
          (_, n) => (key: string) =>
            makeCase(key, {
              priority: (n % 3) * 10,
              openedAt: minutesAfter(n % 5),
              status: n % 4 === 0 ? 'closed' : 'open',
            }),
        ),
      );
      const order = (x: Case, y: Case) =>
        y.priority - x.priority || Date.parse(x.openedAt) - Date.parse(y.openedAt) || (x.id < y.id ? -1 : 1);
      const all = await walkPages((cursor) => store.listCases({ limit: 4, cursor }));
      expect(all.rows).toStrictEqual([...cases].sort(order));
      const open = await walkPages((cursor) => store.listCases({ status: 'open', limit: 2, cursor }));
      expect(open.rows).toStrictEqual(cases.filter((c) => c.status === 'open').sort(order));
    });
  });
}
