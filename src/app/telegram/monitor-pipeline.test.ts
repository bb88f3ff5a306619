import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDueBatches, queueRemoval } from '../../actions/referral-queue.js';
import { FakeTelegram, fakeChannel, long, post } from '../../connectors/telegram/mtproto/testing.js';
import { itemKey, itemSchema } from '../../core/index.js';
import { createLoggers } from '../../logger.js';
import type { AppContext } from '../context.js';
import { createContext } from '../create-context.js';
import { databaseFor } from '../testing.js';
import { recheckTelegramReferrals, startTelegramMonitor } from './telegram-monitor-runtime.js';

/**
 * The MTProto monitor in the pipeline: the real context (temp SQLite or PostgreSQL, in-process
 * queue, shipped policy) and the monitor over a fake Telegram that answers with GramJS `Api`
 * objects. A watched channel's history is back-filled and scanned; a live deletion is recorded as
 * the author's.
 */
let dir: string;
let ctx: AppContext;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-monitor-pipeline-'));
  ctx = await createContext({
    db: { url: await databaseFor(join(dir, 'rasd.db')) },
    telegram: { mediaDir: join(dir, 'media') },
  });
});
afterEach(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

const log = createLoggers('silent').ingest;
const CHANNEL = '1001';
const keyOf = (messageId: number) => `telegram/${CHANNEL}/${messageId}/0`;

function telegramWithNews(): FakeTelegram {
  const tg = new FakeTelegram();
  const channel = tg.add(fakeChannel(1001, 'neutralnews', 'Neutral news', 10));
  channel.messages.set(1, post(1001, 1, { message: 'the market opens at nine' }));
  channel.messages.set(2, post(1001, 2, { message: 'the market opens RASD-TEST-MARKER' }));
  return tg;
}

async function watchNews(): Promise<void> {
  await ctx.store.saveWatch({
    ref: '@neutralnews',
    join: false,
    active: true,
    addedAt: '2026-12-01T00:00:00.000Z',
    addedBy: 'cli:test',
    backfill: { state: 'pending', fetched: 0 },
    updatedAt: '2026-12-01T00:00:00.000Z',
  });
}

describe('the MTProto monitor in the pipeline', () => {
  it('back-fills a watched channel into the scan, and records live deletions: the author’s, and a referred one as the platform’s', async () => {
    await watchNews();
    const tg = telegramWithNews();
    const runtime = await startTelegramMonitor(ctx, { port: tg, log });
    try {
      await runtime.monitor.settled();
      await expect
        .poll(async () => (await ctx.store.getAssessment(keyOf(2)))?.verdict, { timeout: 20_000 })
        .toBe('violating');
      expect((await ctx.store.getAssessment(keyOf(1)))?.verdict).toBe('clear');
      expect((await ctx.store.listItemActions(keyOf(2))).map((a) => [a.kind, a.status])).toEqual([
        ['delete', 'requested'],
      ]);
      expect((await ctx.store.getWatch('@neutralnews'))?.backfill).toMatchObject({ state: 'done', fetched: 2 });
      // Live items carry no handle (as exports); the referral takes it from the channel the monitor saved.
      expect((await ctx.store.getItem(keyOf(2)))?.chat.username).toBeUndefined();
      const decidedAt = new Date('2026-12-07T11:00:00Z');
      const decision = {
        caseId: 'case_2',
        outcome: 'remove' as const,
        reviewer: 'user:ana',
        decidedAt: decidedAt.toISOString(),
      };
      const referral = await queueRemoval(ctx.store, { itemKey: keyOf(2), decision, now: decidedAt });
      expect(referral?.chat).toEqual({ id: CHANNEL, username: 'neutralnews', type: 'channel' });

      await buildDueBatches(ctx.store, { intervalMs: 3_600_000, now: new Date('2026-12-07T12:00:00Z') });

      tg.push(new Api.UpdateDeleteChannelMessages({ channelId: long(1001), messages: [1, 2], pts: 12, ptsCount: 2 }));
      await runtime.monitor.settled();
      expect(await ctx.store.getDeletion('telegram', CHANNEL, '1')).toMatchObject({
        removedBy: 'author',
        source: 'mtproto',
      });
      // The referred message, deleted live, is the platform's removal: matched by the channel's handle.
      expect(await ctx.store.getDeletion('telegram', CHANNEL, '2')).toMatchObject({
        removedBy: 'platform',
        source: 'mtproto',
      });
      expect((await ctx.store.listReferralOutcomes({ platform: 'telegram' }))[0]).toMatchObject({
        status: 'removed',
        timeToRemovalMs: expect.any(Number),
      });
    } finally {
      await runtime.stop();
    }
    expect(tg.connected).toBe(false);
  });

  it('the referral re-check finds a referred message gone through the session, and records the platform’s removal', async () => {
    for (const messageId of ['1', '2']) {
      const item = itemSchema.parse({
        chat: { id: CHANNEL, username: 'neutralnews', type: 'channel' },
        messageId,
        postedAt: '2026-12-01T10:00:00Z',
      });
      await ctx.store.saveBatch({
        items: [item],
        assessments: [],
        cases: [],
        caseEvents: [],
        actions: [],
        channels: [],
        channelEvents: [],
      });
      const decidedAt = new Date('2026-12-01T11:00:00Z');
      const decision = {
        caseId: `case_${messageId}`,
        outcome: 'remove' as const,
        reviewer: 'user:ana',
        decidedAt: decidedAt.toISOString(),
      };
      await queueRemoval(ctx.store, { itemKey: itemKey(item), decision, now: decidedAt });
    }
    await buildDueBatches(ctx.store, { intervalMs: 3_600_000, now: new Date('2026-12-01T12:00:00Z') });
    const tg = telegramWithNews();
    tg.channels[0]?.messages.delete(2);
    const summary = await recheckTelegramReferrals(ctx, { port: tg, log, limit: 5 });
    expect(summary).toMatchObject({ checked: 2, removed: 1, pending: 1, unknown: 0 });
    expect(summary.medianTimeToRemovalMs).toBeGreaterThan(0);
    expect(await ctx.store.getDeletion('telegram', CHANNEL, '2')).toMatchObject({
      removedBy: 'platform',
      source: 'recheck',
    });
    expect(tg.callsOf('connect')).toHaveLength(1);
    expect(tg.connected).toBe(false);
  });
});
