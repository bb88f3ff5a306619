import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Case, type Decision, type DecisionOutcome, itemKey } from '../../core/index.js';
import type { Store } from '../ports.js';
import { caseOpened, makeAssessment, makeBatch, makeCase, makeItem, makeViolating, minutesAfter } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';

const ROUTING = { queue: 'praise/en/*', category: 'praise', lang: 'en', org: '', graphic: false, rank: 1 };

/** ItemVersionStore: a message's stored versions with their verdicts and their cases' standing decisions. */
export function runItemVersionContract(factory: StoreFactory): void {
  describe('ItemVersionStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Review decides the case (claim folded away: only the decision event and the projection matter here). */
    async function decide(c: Case, outcome: DecisionOutcome, minute: number): Promise<Decision> {
      const decision: Decision = { caseId: c.id, outcome, reviewer: 'ana', decidedAt: minutesAfter(minute) };
      const result = await store.appendReviewEvents({
        caseId: c.id,
        routing: ROUTING,
        expectedVersion: 1,
        events: [
          {
            key: `decide-${c.id}`,
            event: { type: 'decision.recorded', caseId: c.id, at: decision.decidedAt, decision },
          },
        ],
        projection: {
          status: 'decided',
          appealed: false,
          barred: [],
          pendingBankAdds: [],
          decision,
          version: 2,
          updatedAt: decision.decidedAt,
        },
      });
      expect(result).toEqual({ ok: true, appended: 1 });
      return decision;
    }

    it('lists every version of one message, oldest first, with its verdict and the decision on its case', async () => {
      const message = { chatId: '1001', messageId: '77' };
      const first = makeItem({ ...message, version: 0, text: 'first wording' });
      const edited = makeItem({ ...message, version: 1, text: 'edited wording' });
      const sameIdElsewhere = makeItem({ chatId: '2002', messageId: '77', version: 0 });
      // Neighbours whose keys sort next to the message's: another id, a longer id, a longer chat id.
      const neighbours = [
        makeItem({ chatId: '1001', messageId: '78' }),
        makeItem({ chatId: '1001', messageId: '770' }),
        makeItem({ chatId: '1001', messageId: '7' }),
        makeItem({ chatId: '10011', messageId: '77' }),
      ];
      const c = makeCase(itemKey(edited));
      await store.saveBatch(
        makeBatch({
          items: [first, sameIdElsewhere, ...neighbours],
          assessments: [
            makeAssessment(first),
            makeViolating(sameIdElsewhere),
            ...neighbours.map((i) => makeAssessment(i)),
          ],
        }),
      );
      await store.saveBatch(
        makeBatch({ items: [edited], assessments: [makeViolating(edited)], cases: [c], caseEvents: [caseOpened(c)] }),
      );
      const undecided = await store.listItemVersions('telegram', '1001', '77');
      expect(undecided).toStrictEqual([
        { key: itemKey(first), version: 0, verdict: 'clear' },
        { key: itemKey(edited), version: 1, verdict: 'violating' },
      ]);
      await decide(c, 'remove', 90);
      expect(await store.listItemVersions('telegram', '1001', '77')).toStrictEqual([
        { key: itemKey(first), version: 0, verdict: 'clear' },
        { key: itemKey(edited), version: 1, verdict: 'violating', decision: 'remove' },
      ]);
      expect(await store.listItemVersions('telegram', '1001', '79')).toEqual([]);
      expect(await store.listItemVersions('other-platform', '1001', '77')).toEqual([]);
    });

    it('leaves out the verdict of a version not yet assessed and a decision an appeal reopened', async () => {
      const message = { chatId: '1001', messageId: '90' };
      const v0 = makeItem({ ...message, version: 0 });
      const v1 = makeItem({ ...message, version: 1 });
      const v2 = makeItem({ ...message, version: 2 });
      const c = makeCase(itemKey(v0));
      await store.saveBatch(
        makeBatch({ items: [v0], assessments: [makeViolating(v0)], cases: [c], caseEvents: [caseOpened(c)] }),
      );
      // An item version stored without an assessment (a scan that failed after reading it).
      await store.saveBatch(makeBatch({ items: [v2, v1], assessments: [makeAssessment(v2, { verdict: 'review' })] }));
      const decision = await decide(c, 'keep', 40);
      expect((await store.listItemVersions('telegram', '1001', '90')).map((v) => v.decision)).toEqual([
        'keep',
        undefined,
        undefined,
      ]);
      await store.appendReviewEvents({
        caseId: c.id,
        expectedVersion: 2,
        events: [
          {
            key: `appeal-${c.id}`,
            event: { type: 'case.appealed', caseId: c.id, at: minutesAfter(50), by: 'ben', reason: 'second look' },
          },
        ],
        projection: {
          status: 'open',
          appealed: true,
          barred: ['ana'],
          pendingBankAdds: [],
          decision,
          version: 3,
          updatedAt: minutesAfter(50),
        },
      });
      expect(await store.listItemVersions('telegram', '1001', '90')).toStrictEqual([
        { key: itemKey(v0), version: 0, verdict: 'violating' },
        { key: itemKey(v1), version: 1 },
        { key: itemKey(v2), version: 2, verdict: 'review' },
      ]);
    });
  });
}
