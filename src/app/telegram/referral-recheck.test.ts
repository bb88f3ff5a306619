import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemLink } from '../../actions/referral-batch.js';
import { buildDueBatches, queueRemoval } from '../../actions/referral-queue.js';
import { itemKey } from '../../core/index.js';
import { makeAction, makeAssessment, makeBatch, makeItem } from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../testing.js';
import { recheckReferrals } from './referral-recheck.js';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(async () => {
  await store.close();
});

const CHAT = '1234567890';
const BUILT = '2026-05-01T09:00:00.000Z';
const CHECKED = '2026-05-01T12:30:00.000Z';
const linkOf = (messageId: string) => itemLink('telegram', { id: CHAT, username: 'samplegroup' }, messageId);

/** Three referred messages, decided a minute apart in one hourly window; the batch is built at BUILT. */
async function referThree(): Promise<void> {
  for (const [n, messageId] of ['21', '22', '23'].entries()) {
    const item = makeItem({ chatId: CHAT, messageId, chat: { username: 'samplegroup' } });
    await store.saveBatch(makeBatch({ items: [item], assessments: [makeAssessment(item)] }));
    const decidedAt = new Date(Date.parse('2026-05-01T08:10:00.000Z') + n * 60_000);
    await queueRemoval(store, {
      itemKey: itemKey(item),
      decision: {
        caseId: `case_${messageId}`,
        outcome: 'remove',
        reviewer: 'user:ana',
        decidedAt: decidedAt.toISOString(),
      },
      now: decidedAt,
    });
  }
  await buildDueBatches(store, { intervalMs: 3_600_000, now: new Date(BUILT) });
}

const probeOf = (answers: Record<string, 'gone' | 'present' | 'error'>) => {
  const asked: string[] = [];
  const probe = async (link: string) => {
    asked.push(link);
    const answer = answers[link];
    if (answer === undefined) throw new Error('unexpected link');
    return answer;
  };
  return { probe, asked };
};

describe('recheckReferrals', () => {
  it('records gone as removed by the platform with time-to-removal, present as pending, errors as unknown', async () => {
    await referThree();
    const { probe } = probeOf({ [linkOf('21')]: 'gone', [linkOf('22')]: 'present', [linkOf('23')]: 'error' });
    const summary = await recheckReferrals(store, probe, { now: () => new Date(CHECKED) });
    const expectedMs = Date.parse(CHECKED) - Date.parse(BUILT);
    expect(summary).toEqual({
      checked: 3,
      removed: 1,
      pending: 1,
      unknown: 1,
      ours: 0,
      medianTimeToRemovalMs: expectedMs,
    });
    const byLink = new Map((await store.listReferralOutcomes({ platform: 'telegram' })).map((o) => [o.itemLink, o]));
    expect(byLink.get(linkOf('21'))).toMatchObject({
      status: 'removed',
      source: 'recheck',
      timeToRemovalMs: expectedMs,
    });
    expect(byLink.get(linkOf('22'))).toMatchObject({ status: 'pending' });
    expect(byLink.get(linkOf('23'))).toMatchObject({ status: 'unknown', observedAt: CHECKED });
    expect(await store.getDeletion('telegram', CHAT, '21')).toMatchObject({
      removedBy: 'platform',
      source: 'recheck',
      deletedAt: CHECKED,
    });
    expect(await store.getDeletion('telegram', CHAT, '22')).toBeUndefined();
  });

  it('checks at most `limit` per run, oldest referral first, and skips removed ones next time', async () => {
    await referThree();
    const first = probeOf({ [linkOf('21')]: 'gone' });
    const one = await recheckReferrals(store, first.probe, { limit: 1, now: () => new Date(CHECKED) });
    expect(first.asked).toEqual([linkOf('21')]);
    expect(one).toMatchObject({ checked: 1, removed: 1 });
    const second = probeOf({ [linkOf('22')]: 'present', [linkOf('23')]: 'present' });
    const rest = await recheckReferrals(store, second.probe, { now: () => new Date(CHECKED) });
    expect(second.asked).toEqual([linkOf('22'), linkOf('23')]);
    expect(rest).toMatchObject({ checked: 2, removed: 0, pending: 2 });
    expect(rest.medianTimeToRemovalMs).toBe(Date.parse(CHECKED) - Date.parse(BUILT));
  });

  it('a probe that throws counts as unknown, and nothing removed means no median', async () => {
    await referThree();
    const summary = await recheckReferrals(store, async () => Promise.reject(new Error('offline')), {
      now: () => new Date(CHECKED),
    });
    expect(summary).toEqual({ checked: 3, removed: 0, pending: 0, unknown: 3, ours: 0 });
  });

  it('with more open referrals than the limit, each run takes the ones observed longest ago, so all get their turn', async () => {
    await referThree();
    const all = probeOf({ [linkOf('21')]: 'present', [linkOf('22')]: 'present', [linkOf('23')]: 'present' });
    for (const minutes of [0, 1, 2, 3]) {
      await recheckReferrals(store, all.probe, {
        limit: 1,
        now: () => new Date(Date.parse(CHECKED) + minutes * 60_000),
      });
    }
    expect(all.asked).toEqual([linkOf('21'), linkOf('22'), linkOf('23'), linkOf('21')]);
  });

  it('a message whose delete by Rasd’s bot went out is not looked up and not counted as the platform’s removal', async () => {
    await referThree();
    const [ours] = await store.listItemVersions('telegram', CHAT, '21');
    const action = makeAction(ours?.key ?? '', { kind: 'delete' });
    await store.requestAction(action);
    await store.recordAttempt(action.id, {
      status: 'confirmed',
      attempts: 1,
      lastAttemptAt: '2026-05-01T09:30:00.000Z',
      confirmedAt: '2026-05-01T09:30:00.000Z',
    });
    const { probe, asked } = probeOf({ [linkOf('21')]: 'gone', [linkOf('22')]: 'present', [linkOf('23')]: 'present' });
    const summary = await recheckReferrals(store, probe, { now: () => new Date(CHECKED) });
    expect(asked).toEqual([linkOf('22'), linkOf('23')]);
    expect(summary).toEqual({ checked: 3, removed: 0, pending: 2, unknown: 0, ours: 1 });
    const byLink = new Map((await store.listReferralOutcomes({ platform: 'telegram' })).map((o) => [o.itemLink, o]));
    expect(byLink.get(linkOf('21'))).toMatchObject({ status: 'pending', observedAt: CHECKED });
    expect(byLink.get(linkOf('21'))?.timeToRemovalMs).toBeUndefined();
    expect(await store.getDeletion('telegram', CHAT, '21')).toBeUndefined();
  });
});
