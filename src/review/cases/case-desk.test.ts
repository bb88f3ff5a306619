import { describe, expect, it } from 'vitest';
import { type CaseEvent, itemKey } from '../../core/index.js';
import { caseOpened, makeAssessment, makeBatch, makeCase, makeItem } from '../../storage/contract/fixtures.js';
import type { ReviewRouting } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { enrolCase, runCaseCommand } from './case-desk.js';
import { claimCase } from './claim.js';
import { decideCase } from './decision.js';
import { claimNext } from './queue-serving.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const TTL = 15 * 60_000;

async function desk(routings: Partial<ReviewRouting>[]) {
  const store = await freshStore();
  const items = routings.map(() => makeItem({ text: 'synthetic filler' }));
  const cases = items.map((i) => makeCase(itemKey(i)));
  const assessments = items.map((i) => makeAssessment(i));
  await store.saveBatch(makeBatch({ items, assessments, cases, caseEvents: cases.map(caseOpened) }));
  for (const [i, c] of cases.entries()) {
    const routing = { queue: 'q', category: 'praise', lang: 'en', org: '', graphic: false, rank: 1, ...routings[i] };
    await enrolCase(store, c.id, routing, caseOpened(c) as Extract<CaseEvent, { type: 'case.opened' }>);
  }
  return { store, ids: cases.map((c) => c.id) };
}

describe('the case desk on a store', () => {
  it('enrols idempotently, then claims, refuses a second reviewer, and lets the holder decide', async () => {
    const { store, ids } = await desk([{}]);
    const id = ids[0] ?? '';
    expect((await store.listCaseEvents(id)).map((e) => e.type)).toEqual(['case.opened']);
    const claim = await runCaseCommand(store, id, (s) => claimCase(s, { reviewer: 'ana', now: at(0), ttlMs: TTL }));
    expect(claim.ok).toBe(true);
    const other = await runCaseCommand(store, id, (s) => claimCase(s, { reviewer: 'ben', now: at(1), ttlMs: TTL }));
    expect(other).toMatchObject({ ok: false, code: 'CLAIMED_BY_OTHER' });
    const byOther = await runCaseCommand(store, id, (s) =>
      decideCase(s, { reviewer: 'ben', outcome: 'keep', now: at(2) }),
    );
    expect(byOther).toMatchObject({ ok: false, code: 'NOT_CLAIM_HOLDER' });
    const decided = await runCaseCommand(store, id, (s) =>
      decideCase(s, { reviewer: 'ana', outcome: 'remove', category: 'praise', now: at(2) }),
    );
    expect(decided.ok).toBe(true);
    expect(await store.getReviewCase(id)).toMatchObject({ status: 'decided', decision: { reviewer: 'ana' } });
    expect((await store.listCaseEvents(id)).map((e) => e.type)).toEqual([
      'case.opened',
      'case.claimed',
      'decision.recorded',
    ]);
    await store.close();
  });

  it('serves the highest-ranked case, and stops serving graphic ones past the cap', async () => {
    const { store, ids } = await desk([
      { rank: 5, graphic: true },
      { rank: 4, graphic: true },
      { rank: 1, graphic: false },
    ]);
    const policy = { graphicDailyCap: 1 };
    const first = await claimNext(store, { reviewer: 'ana', now: at(0), ttlMs: TTL, policy });
    expect(first).toMatchObject({ ok: true, event: { caseId: ids[0] } });
    const second = await claimNext(store, { reviewer: 'ana', now: at(1), ttlMs: TTL, policy });
    expect(second).toMatchObject({ ok: true, event: { caseId: ids[2] } });
    const ben = await claimNext(store, { reviewer: 'ben', now: at(1), ttlMs: TTL, policy });
    expect(ben).toMatchObject({ ok: true, event: { caseId: ids[1] } });
    // After ana's claim expires, ben (now at his own cap) gets the non-graphic case from ana.
    const late = await claimNext(store, { reviewer: 'ben', now: at(20), ttlMs: TTL, policy });
    expect(late).toMatchObject({ ok: true, event: { caseId: ids[2], reviewer: 'ben' } });
    await store.close();
  });
});
