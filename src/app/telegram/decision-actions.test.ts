import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Decision, type DecisionOutcome, itemKey } from '../../core/index.js';
import { makeAssessment, makeBatch, makeItem } from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../testing.js';
import { actOnDecision } from './decision-actions.js';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
  await store.saveModeratedChat({
    chatId: '1234567890',
    type: 'supergroup',
    rights: { status: 'administrator', canDeleteMessages: true, canRestrictMembers: true },
    checkedAt: '2026-05-01T09:00:00.000Z',
  });
});
afterEach(async () => {
  await store.close();
});

const NOW = new Date('2026-05-01T10:00:00.000Z');
const decision = (outcome: DecisionOutcome): Decision => ({
  caseId: 'case_42',
  outcome,
  reviewer: 'user:ana',
  decidedAt: NOW.toISOString(),
});

async function stored(chatId: string, messageId: string): Promise<string> {
  const item = makeItem({ chatId, messageId });
  await store.saveBatch(makeBatch({ items: [item], assessments: [makeAssessment(item)] }));
  return itemKey(item);
}

describe('actOnDecision', () => {
  it('a remove in a chat the bot moderates requests a delete for the action runner, once', async () => {
    const key = await stored('1234567890', '7');
    const action = await actOnDecision(store, key, decision('remove'), NOW);
    expect(action).toMatchObject({
      kind: 'delete',
      target: 'telegram',
      status: 'requested',
      reason: 'decision:case_42',
    });
    expect(await store.listRequestedActions('telegram', 10)).toEqual([action]);
    expect(await actOnDecision(store, key, decision('remove'), NOW)).toBeUndefined();
    expect(await store.listItemActions(key)).toHaveLength(1);
  });

  it('asks nothing for keep or escalate, nor in a chat only the monitor watches', async () => {
    const key = await stored('1234567890', '8');
    expect(await actOnDecision(store, key, decision('keep'), NOW)).toBeUndefined();
    expect(await actOnDecision(store, key, decision('escalate'), NOW)).toBeUndefined();
    const watchedOnly = await stored('555', '9');
    expect(await actOnDecision(store, watchedOnly, decision('remove'), NOW)).toBeUndefined();
    expect(await store.listRequestedActions('telegram', 10)).toEqual([]);
  });
});
