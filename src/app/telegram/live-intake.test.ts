import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../bus/ports.js';
import { loadConfig } from '../../config/index.js';
import type { LiveEvent } from '../../connectors/telegram/live-event.js';
import type { ItemInput } from '../../core/index.js';
import { createLoggers } from '../../logger.js';
import type { AppContext } from '../context.js';
import { createEmbeddedContext } from '../presets/embedded.js';
import { openStore } from '../presets/scaled.js';
import { databaseFor } from '../testing.js';
import { decodeWorkItem } from '../work-item.js';
import { takeEvents } from './live-intake.js';

let dir: string;
let ctx: AppContext;
let logged: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-live-intake-'));
  logged = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += String(chunk);
      done();
    },
  });
  const config = loadConfig({}, { db: { url: await databaseFor(join(dir, 'rasd.db')) } });
  // As createContext does: PostgreSQL for a postgres:// URL; the preset opens the SQLite file itself.
  const store = await openStore(config);
  ctx = await createEmbeddedContext(config, {}, { log: createLoggers('info', sink), ...(store && { store }) });
});
afterEach(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

const CHAT = '1234567890';
const SEEN = '2026-05-01T10:00:00.000Z';
const item = (messageId: string, extra: Partial<ItemInput> = {}): ItemInput => ({
  platform: 'telegram',
  chat: { id: CHAT, username: 'samplegroup', title: 'Sample Group', type: 'supergroup' },
  messageId,
  postedAt: '2026-05-01T09:59:00.000Z',
  text: 'a neutral note about the weather',
  ...extra,
});
const itemEvent = (input: ItemInput, edited = false): LiveEvent => ({
  kind: 'item',
  item: input,
  edited,
  source: 'bot-api',
});
const take = (events: LiveEvent[]) => takeEvents(ctx, events, join(dir, 'media'), () => new Date(SEEN));

describe('live intake', () => {
  it('with a durable queue, publishes each message version once, with the media folder, and skips an invalid one by id', async () => {
    // Any queue but the in-process one is taken as durable: the intake only publishes to it.
    const memory = ctx.bus;
    const bus: Bus = {
      publish: (messages) => memory.publish(messages),
      consume: (handler, options) => memory.consume(handler, options),
      depth: () => memory.depth(),
      deadLetters: (limit) => memory.deadLetters(limit),
      health: () => memory.health(),
      close: () => memory.close(),
    };
    const summary = await takeEvents(
      { ...ctx, bus },
      [
        itemEvent(item('1')),
        itemEvent(item('1')),
        itemEvent(item('1', { version: 1_746_090_000 }), true),
        itemEvent(item('2', { postedAt: 'yesterday' })),
      ],
      join(dir, 'media'),
      () => new Date(SEEN),
    );
    expect(summary).toMatchObject({ published: 2, duplicates: 1, skipped: 1 });
    expect(await ctx.bus.depth()).toBe(2);
    expect(await ctx.store.getAssessment('telegram/1234567890/1/0')).toBeUndefined();
    expect(await ctx.metrics.itemsIn.get()).toMatchObject({ values: [{ value: 2 }] });
    const delivered: string[] = [];
    const consumer = ctx.bus.consume(async (batch) => {
      for (const delivery of batch) {
        const work = decodeWorkItem(delivery.payload);
        expect(work.mediaRoot).toBe(join(dir, 'media'));
        delivered.push(`${work.item.messageId}/${work.item.version}`);
        await delivery.ack();
      }
    });
    await expect.poll(() => delivered.length).toBe(2);
    await consumer.stop();
    expect(delivered.sort()).toEqual(['1/0', '1/1746090000']);
    expect(logged).toContain('live message skipped');
    expect(logged).toContain('"messageId":"2"');
    expect(logged).not.toContain('weather');
  });

  it('with the in-process queue, scans and commits each version before returning, so nothing waits in memory', async () => {
    const first = await take([
      itemEvent(item('5')),
      itemEvent(item('5')),
      itemEvent(item('6', { text: 'RASD-TEST-MARKER' })),
    ]);
    expect(first).toMatchObject({ published: 2, duplicates: 1, skipped: 0 });
    expect(await ctx.bus.depth()).toBe(0);
    expect((await ctx.store.getAssessment('telegram/1234567890/5/0'))?.verdict).toBe('clear');
    expect((await ctx.store.getAssessment('telegram/1234567890/6/0'))?.verdict).toBe('violating');
    // A redelivered update (a restart before the offset moved) is counted, not scanned again.
    expect(await take([itemEvent(item('6', { text: 'RASD-TEST-MARKER' }))])).toMatchObject({
      published: 0,
      duplicates: 1,
    });
    expect(await ctx.store.listItemActions('telegram/1234567890/6/0')).toHaveLength(1);
  });

  it('keeps channel metadata and service events in the store', async () => {
    await take([
      {
        kind: 'channel',
        meta: {
          platform: 'telegram',
          chatId: CHAT,
          type: 'channel',
          title: 'Renamed',
          username: 'renamed',
          observedAt: SEEN,
        },
        source: 'mtproto',
      },
      {
        kind: 'service',
        event: {
          platform: 'telegram',
          chatId: CHAT,
          messageId: 'meta:1',
          action: 'edit_group_title',
          at: SEEN,
          details: { title: 'Renamed', previousTitle: 'Old' },
        },
        source: 'mtproto',
      },
    ]);
    expect(await ctx.store.getChannel('telegram', CHAT)).toMatchObject({
      title: 'Renamed',
      username: 'renamed',
      type: 'channel',
    });
    expect(await ctx.store.listChannelEvents('telegram', CHAT, 10)).toMatchObject([
      { action: 'edit_group_title', details: { title: 'Renamed' } },
    ]);
  });

  it('records deletions (after the messages of the same call)', async () => {
    const summary = await take([
      itemEvent(item('3')),
      { kind: 'deleted', chatId: CHAT, messageIds: ['3', '4'], observedAt: SEEN, source: 'mtproto' },
    ]);
    expect(summary.removals.map((r) => [r.messageId, r.removedBy])).toEqual([
      ['3', 'author'],
      ['4', 'author'],
    ]);
    expect(await ctx.store.getDeletion('telegram', CHAT, '4')).toMatchObject({ removedBy: 'author', deletedAt: SEEN });
  });
});
