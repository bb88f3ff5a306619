import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemLink } from '../../actions/referral-batch.js';
import { buildDueBatches, queueRemoval } from '../../actions/referral-queue.js';
import { type Item, itemKey } from '../../core/index.js';
import { makeAction, makeAssessment, makeBatch, makeItem } from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../testing.js';
import { recordRemovals } from './removals.js';

/**
 * A real store (in-memory SQLite, or PostgreSQL in app-on-postgres): attribution reads actions,
 * versions and referrals as stored.
 */
let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(async () => {
  await store.close();
});

const CHAT = '1234567890';
const SEEN = '2026-05-01T10:30:00.000Z';

async function storeMessage(messageId: string, extra: Partial<Item> = {}): Promise<Item> {
  const item = makeItem({ chatId: CHAT, messageId, chat: { username: 'samplegroup' }, ...extra });
  await store.saveBatch(makeBatch({ items: [item], assessments: [makeAssessment(item)] }));
  return item;
}

async function auditOf(action: string) {
  return (await store.listAudit({ limit: 100 })).rows.filter((e) => e.action === action);
}

describe('recordRemovals', () => {
  it('a stored message deleted with no action of ours is removed by its author, with the time seen', async () => {
    await storeMessage('10');
    const records = await recordRemovals(store, {
      chatId: CHAT,
      messageIds: ['10'],
      observedAt: SEEN,
      source: 'mtproto',
    });
    expect(records).toEqual([{ messageId: '10', removedBy: 'author', known: true, recorded: true }]);
    expect(await store.getDeletion('telegram', CHAT, '10')).toEqual({
      platform: 'telegram',
      chatId: CHAT,
      messageId: '10',
      deletedAt: SEEN,
      source: 'mtproto',
      removedBy: 'author',
    });
    const [entry] = await auditOf('message.deleted');
    expect(entry).toMatchObject({
      actor: 'system:telegram',
      target: `telegram/${CHAT}/10`,
      details: { chat: CHAT, message: '10', removedBy: 'author', source: 'mtproto', known: true },
    });
  });

  it("our own sent delete makes it Rasd's removal and confirms the action at the time seen", async () => {
    const item = await storeMessage('11');
    const action = makeAction(itemKey(item));
    await store.requestAction(action);
    await store.recordAttempt(action.id, { status: 'sent', attempts: 1, lastAttemptAt: '2026-05-01T10:29:00.000Z' });
    const [record] = await recordRemovals(store, {
      chatId: CHAT,
      messageIds: ['11'],
      observedAt: SEEN,
      source: 'mtproto',
    });
    expect(record?.removedBy).toBe('rasd');
    expect(await store.getAction(action.id)).toMatchObject({ status: 'confirmed', confirmedAt: SEEN, attempts: 1 });
  });

  it('an open referral makes it the platform’s removal and records time-to-removal', async () => {
    const item = await storeMessage('12');
    const decidedAt = new Date('2026-05-01T08:10:00.000Z');
    await queueRemoval(store, {
      itemKey: itemKey(item),
      decision: { caseId: 'case_1', outcome: 'remove', reviewer: 'user:ana', decidedAt: decidedAt.toISOString() },
      now: decidedAt,
    });
    const builtAt = new Date('2026-05-01T09:00:00.000Z');
    await buildDueBatches(store, { intervalMs: 3_600_000, now: builtAt });
    const [record] = await recordRemovals(store, {
      chatId: CHAT,
      messageIds: ['12'],
      observedAt: SEEN,
      source: 'mtproto',
    });
    expect(record?.removedBy).toBe('platform');
    const [outcome] = await store.listReferralOutcomes({ platform: 'telegram' });
    expect(outcome).toMatchObject({
      itemLink: itemLink('telegram', { id: CHAT, username: 'samplegroup' }, '12'),
      status: 'removed',
      source: 'recheck',
      observedAt: SEEN,
      timeToRemovalMs: Date.parse(SEEN) - builtAt.getTime(),
    });
  });

  it('a retry after the deletion failed to save still credits the platform, and settles the referral once', async () => {
    const item = await storeMessage('14');
    const decidedAt = new Date('2026-05-01T08:10:00.000Z');
    await queueRemoval(store, {
      itemKey: itemKey(item),
      decision: { caseId: 'case_4', outcome: 'remove', reviewer: 'user:ana', decidedAt: decidedAt.toISOString() },
      now: decidedAt,
    });
    await buildDueBatches(store, { intervalMs: 3_600_000, now: new Date('2026-05-01T09:00:00.000Z') });
    let failNext = true;
    const flaky = new Proxy(store, {
      get: (target, key) => {
        const value = (Reflect.get(target, key) as (...args: unknown[]) => unknown).bind(target);
        if (key !== 'recordDeletion') return value;
        return async (...args: unknown[]) => {
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
          return value(...args);
        };
      },
    });
    const deletion = { chatId: CHAT, messageIds: ['14'], observedAt: SEEN, source: 'mtproto' as const };
    await expect(recordRemovals(flaky, deletion)).rejects.toThrow('disk full');
    expect(await recordRemovals(flaky, deletion)).toEqual([
      { messageId: '14', removedBy: 'platform', known: true, recorded: true },
    ]);
    expect((await store.listReferralOutcomes({ platform: 'telegram' }))[0]).toMatchObject({ status: 'removed' });
  });

  it('a message Rasd never stored is recorded as removed by its author, marked unknown, once', async () => {
    const deletion = { chatId: CHAT, messageIds: ['99'], observedAt: SEEN, source: 'mtproto' as const };
    expect(await recordRemovals(store, deletion)).toEqual([
      { messageId: '99', removedBy: 'author', known: false, recorded: true },
    ]);
    const again = await recordRemovals(store, { ...deletion, observedAt: '2026-05-01T11:00:00.000Z' });
    expect(again[0]?.recorded).toBe(false);
    expect((await store.getDeletion('telegram', CHAT, '99'))?.deletedAt).toBe(SEEN);
    expect(await auditOf('message.deleted')).toHaveLength(1);
  });

  it('a requested (not yet sent) delete does not make Rasd the remover', async () => {
    const item = await storeMessage('13');
    await store.requestAction(makeAction(itemKey(item)));
    const [record] = await recordRemovals(store, {
      chatId: CHAT,
      messageIds: ['13'],
      observedAt: SEEN,
      source: 'bot-api',
    });
    expect(record?.removedBy).toBe('author');
  });
});
