import { describe, expect, it } from 'vitest';
import { type CaseEvent, type Decision, type DecisionOutcome, itemKey } from '../../core/index.js';
import { caseOpened, makeAssessment, makeBatch, makeCase, makeRichItem } from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { claimCase, decideCase, enrolCase, runCaseCommand } from '../cases/index.js';
import { preserveRemoval } from './preservation.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');

/** Decides synthetic cases (benign rich items: a hashed photo, a missing document) and preserves as the route does. */
async function decideAll(store: Store, outcomes: readonly DecisionOutcome[]) {
  const items = outcomes.map((_, n) => makeRichItem({ chatId: `-100${n}` }));
  const cases = items.map((i) => makeCase(itemKey(i)));
  const assessments = items.map((i) => makeAssessment(i));
  await store.saveBatch(makeBatch({ items, assessments, cases, caseEvents: cases.map(caseOpened) }));
  const decisions: Decision[] = [];
  for (const [n, c] of cases.entries()) {
    const routing = { queue: 'q', category: 'praise', lang: 'en', org: '', graphic: false, rank: 1 };
    await enrolCase(store, c.id, routing, caseOpened(c) as Extract<CaseEvent, { type: 'case.opened' }>);
    await runCaseCommand(store, c.id, (s) => claimCase(s, { reviewer: 'ana', now: NOW, ttlMs: 60_000 }));
    const outcome = outcomes[n] ?? 'keep';
    const decided = await runCaseCommand(store, c.id, (s) => decideCase(s, { reviewer: 'ana', outcome, now: NOW }));
    if (!decided.ok) throw new Error(decided.detail);
    decisions.push(decided.event.decision);
    const kept = await preserveRemoval(store, {
      itemKey: c.itemKey,
      decision: decided.event.decision,
      retentionDays: 183,
      now: NOW,
    });
    expect(kept === undefined).toBe(outcome !== 'remove');
  }
  return { items, assessments, decisions };
}

describe('preserveRemoval', () => {
  it('preserves a removed item whole, with media as sha256 references', async () => {
    const store = await freshStore();
    const { items, assessments, decisions } = await decideAll(store, ['remove']);
    const page = await store.listEvidence({ limit: 10 });
    expect(page.rows).toHaveLength(1);
    const record = await store.getEvidence(page.rows[0]?.id ?? 0);
    expect(record).toMatchObject({
      caseId: decisions[0]?.caseId,
      itemKey: itemKey(items[0] ?? makeRichItem()),
      item: items[0],
      assessment: assessments[0],
      decision: decisions[0],
      preservedAt: '2026-03-01T10:00:00.000Z',
      purgeAfter: '2026-08-31T10:00:00.000Z',
    });
    expect(record?.media).toEqual([
      { kind: 'photo', status: 'present', path: 'photos/photo_1.jpg', size: 1234, sha256: 'a'.repeat(64) },
      { kind: 'document', status: 'missing', fileName: 'notes.pdf' },
    ]);
    await store.close();
  });

  it('preserves nothing for keep or escalate decisions', async () => {
    const store = await freshStore();
    await decideAll(store, ['keep', 'escalate', 'remove', 'keep']);
    const rows = (await store.listEvidence({ limit: 10 })).rows;
    expect(rows).toHaveLength(1);
    await store.close();
  });

  it('is idempotent per decision: a retried preservation stores nothing new', async () => {
    const store = await freshStore();
    const { items, decisions } = await decideAll(store, ['remove']);
    const decision = decisions[0] as Decision;
    const input = { itemKey: itemKey(items[0] ?? makeRichItem()), decision, retentionDays: 183, now: NOW };
    const first = (await store.listEvidence({ limit: 10 })).rows[0];
    const again = await preserveRemoval(store, { ...input, now: new Date('2026-03-02T00:00:00.000Z') });
    expect(again?.id).toBe(first?.id);
    expect(again?.preservedAt).toBe(first?.preservedAt);
    expect((await store.listEvidence({ limit: 10 })).rows).toHaveLength(1);
    await store.close();
  });
});
