import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { FloodWaitError } from 'telegram/errors/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WatchEntry } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import { TelegramMonitor } from './monitor.js';
import { FakeTelegram, fakeChannel, long, MemoryMonitorStore, post } from './testing.js';

const NOW = Date.parse('2026-12-07T00:00:00Z');
let mediaDir: string;
beforeEach(async () => {
  mediaDir = await mkdtemp(join(tmpdir(), 'rasd-monitor-'));
});
afterEach(async () => {
  await rm(mediaDir, { recursive: true, force: true });
});

interface Harness {
  tg: FakeTelegram;
  store: MemoryMonitorStore;
  events: LiveEvent[];
  sleeps: number[];
  monitor: TelegramMonitor;
  /** Makes the sink refuse the batches for which this returns true. */
  refuse: { when: (batch: readonly LiveEvent[]) => boolean };
}

function harness(tg = new FakeTelegram(), store = new MemoryMonitorStore(), pollMs = 0): Harness {
  const events: LiveEvent[] = [];
  const sleeps: number[] = [];
  const refuse = { when: (_batch: readonly LiveEvent[]) => false };
  const monitor = new TelegramMonitor({
    account: 'monitor-1',
    port: tg,
    store,
    sink: async (batch) => {
      if (refuse.when(batch)) throw new Error('the scan queue refused the batch');
      events.push(...batch);
    },
    mediaDir,
    media: { maxBytes: 1_000, kinds: ['photo', 'video'] },
    backfill: { pageSize: 100, maxMessages: 10_000 },
    metadataRefreshMs: 0,
    pollMs,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
  });
  return { tg, store, events, sleeps, monitor, refuse };
}

/** A channel `@neutralnews` (id 1001) with messages 1..count and channel pts `pts`. */
function newsChannel(tg: FakeTelegram, count: number, pts = 10) {
  const channel = tg.add(fakeChannel(1001, 'neutralnews', 'Neutral news', pts));
  for (let id = 1; id <= count; id++) channel.messages.set(id, post(1001, id));
  return channel;
}

const itemIds = (events: readonly LiveEvent[], chatId = '1001') =>
  events.flatMap((e) => (e.kind === 'item' && e.item.chat.id === chatId ? [Number(e.item.messageId)] : []));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const itemBatches = (batch: readonly LiveEvent[]) => batch.some((e) => e.kind === 'item');

function savedEntry(fields: Partial<WatchEntry> & Pick<WatchEntry, 'ref' | 'chatId'>): WatchEntry {
  return {
    join: false,
    active: true,
    addedAt: '2026-12-01T00:00:00.000Z',
    addedBy: 'tester',
    backfill: { state: 'done', fetched: 0 },
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...fields,
  };
}

describe('TelegramMonitor back-fill', () => {
  it('watches a chat and back-fills 250 messages; a refused third page resumes with exactly the rest', async () => {
    const first = harness();
    newsChannel(first.tg, 250);
    const entry = await first.monitor.watch('@NeutralNews', { join: false, by: 'tester' });
    expect(entry).toMatchObject({ ref: '@neutralnews', chatId: '1001', channelPts: 10, active: true });
    expect(entry.meta).toMatchObject({ chatId: '1001', title: 'Neutral news', username: 'neutralnews' });

    let pages = 0;
    first.refuse.when = (batch) => itemBatches(batch) && ++pages === 3;
    await first.monitor.start();
    await first.monitor.settled();
    await first.monitor.stop();
    expect(itemIds(first.events)).toEqual([...range(151, 250), ...range(51, 150)]);
    expect((await first.store.getWatch('@neutralnews'))?.backfill).toMatchObject({
      state: 'running',
      newestId: 250,
      oldestId: 51,
      fetched: 200,
    });

    const second = harness(first.tg, first.store);
    await second.monitor.start();
    await second.monitor.settled();
    await second.monitor.stop();
    const all = [...itemIds(first.events), ...itemIds(second.events)];
    expect(itemIds(second.events)).toEqual(range(1, 50));
    expect(new Set(all).size).toBe(250);
    expect(all).toHaveLength(250);
    expect((await second.store.getWatch('@neutralnews'))?.backfill).toMatchObject({ state: 'done', fetched: 250 });
  });

  it('a stop lets the current page finish, saves it, and a restart delivers the rest once', async () => {
    const first = harness();
    newsChannel(first.tg, 250);
    await first.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    let stopping: Promise<void> | undefined;
    let pages = 0;
    first.refuse.when = (batch) => {
      if (itemBatches(batch) && ++pages === 2) stopping = first.monitor.stop();
      return false;
    };
    await first.monitor.start();
    await first.monitor.settled();
    await stopping;
    expect(first.tg.connected).toBe(false);
    expect(itemIds(first.events)).toHaveLength(200);

    const second = harness(first.tg, first.store);
    await second.monitor.start();
    await second.monitor.settled();
    await second.monitor.stop();
    expect(itemIds(second.events)).toEqual(range(1, 50));
  });

  it('waits out a FLOOD_WAIT on history for at least the seconds asked, then gets the page', async () => {
    const h = harness();
    newsChannel(h.tg, 5);
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    h.tg.failNext('history', new FloodWaitError({ request: undefined, capture: 30 }));
    await h.monitor.start();
    await h.monitor.settled();
    await h.monitor.stop();
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(30_000);
    expect(h.tg.callsOf('history')).toHaveLength(2);
    expect(itemIds(h.events)).toEqual(range(1, 5));
  });

  it('an unreachable chat keeps its error on the entry, and the other chat is still back-filled', async () => {
    const h = harness();
    newsChannel(h.tg, 3);
    const closed = h.tg.add(fakeChannel(2002, 'closedchannel', 'Closed'));
    closed.messages.set(1, post(2002, 1));
    await h.monitor.watch('@closedchannel', { join: false, by: 'tester' });
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    closed.unreachable = 'CHANNEL_PRIVATE';
    await h.monitor.start();
    await h.monitor.settled();
    await h.monitor.stop();
    expect((await h.store.getWatch('@closedchannel'))?.lastError).toContain('CHANNEL_PRIVATE');
    expect(itemIds(h.events)).toEqual(range(1, 3));
    expect(itemIds(h.events, '2002')).toEqual([]);
  });
});

describe('TelegramMonitor live updates', () => {
  async function live(count = 3) {
    const h = harness();
    const channel = newsChannel(h.tg, count);
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    await h.monitor.start();
    await h.monitor.settled();
    h.events.length = 0;
    return { ...h, channel };
  }

  it('fills a pts gap from getChannelDifference, in order, before the live message', async () => {
    const h = await live();
    h.tg.channelDifferences.set('1001', [
      new Api.updates.ChannelDifference({
        final: true,
        pts: 12,
        newMessages: [post(1001, 5), post(1001, 4)],
        otherUpdates: [],
        chats: [],
        users: [],
      }),
    ]);
    const update = new Api.UpdateNewChannelMessage({ message: post(1001, 6), pts: 13, ptsCount: 1 });
    h.tg.push(update);
    await h.monitor.settled();
    expect(h.tg.callsOf('getChannelDifference').at(-1)).toEqual(['1001', 10, 100]);
    expect(itemIds(h.events)).toEqual([4, 5, 6]);
    expect((await h.store.getWatch('@neutralnews'))?.channelPts).toBe(13);

    h.tg.push(update);
    await h.monitor.settled();
    expect(itemIds(h.events)).toEqual([4, 5, 6]);
    await h.monitor.stop();
  });

  it('a channel too far behind is caught up from history down to the newest id already seen', async () => {
    const h = await live();
    for (const id of [4, 5, 6]) h.channel.messages.set(id, post(1001, id));
    const dialog = new Api.Dialog({
      peer: new Api.PeerChannel({ channelId: long(1001) }),
      topMessage: 6,
      readInboxMaxId: 0,
      readOutboxMaxId: 0,
      unreadCount: 0,
      unreadMentionsCount: 0,
      unreadReactionsCount: 0,
      notifySettings: new Api.PeerNotifySettings({}),
      pts: 30,
    });
    h.tg.channelDifferences.set('1001', [
      new Api.updates.ChannelDifferenceTooLong({ final: true, dialog, messages: [], chats: [], users: [] }),
    ]);
    h.tg.push(new Api.UpdateChannelTooLong({ channelId: long(1001) }));
    await h.monitor.settled();
    await h.monitor.stop();
    expect(itemIds(h.events)).toEqual([4, 5, 6]);
    expect((await h.store.getWatch('@neutralnews'))?.channelPts).toBe(30);
  });

  it('channels the account has not joined are polled for their difference; joined ones wait for pushes', async () => {
    const h = harness(new FakeTelegram(), new MemoryMonitorStore(), 5);
    const unjoined = newsChannel(h.tg, 0);
    unjoined.chat.left = true;
    h.tg.add(fakeChannel(3003, 'joinedchannel', 'Joined', 40));
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    await h.monitor.watch('@joinedchannel', { join: false, by: 'tester' });
    await h.monitor.start();
    await h.monitor.settled();
    const before = h.tg.callsOf('getChannelDifference').length;
    h.tg.channelDifferences.set('1001', [
      new Api.updates.ChannelDifference({
        final: true,
        pts: 11,
        newMessages: [post(1001, 1)],
        otherUpdates: [],
        chats: [],
        users: [],
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await h.monitor.stop();
    const polled = h.tg
      .callsOf('getChannelDifference')
      .slice(before)
      .map(([chatId]) => chatId);
    expect(polled.length).toBeGreaterThan(0);
    expect(new Set(polled)).toEqual(new Set(['1001']));
    expect(itemIds(h.events)).toEqual([1]);
  });

  it('an edit is an item event whose version is the edit date', async () => {
    const h = await live();
    const editDate = 1_700_009_999;
    const edited = post(1001, 3, { editDate, message: 'neutral post 3, edited' });
    h.tg.push(new Api.UpdateEditChannelMessage({ message: edited, pts: 11, ptsCount: 1 }));
    await h.monitor.settled();
    await h.monitor.stop();
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ kind: 'item', edited: true, item: { messageId: '3', version: editDate } });
  });

  it('a channel deletion is a deleted event; updates of chats not watched are ignored', async () => {
    const h = await live();
    h.tg.push(new Api.UpdateDeleteChannelMessages({ channelId: long(1001), messages: [2, 3], pts: 12, ptsCount: 2 }));
    h.tg.push(new Api.UpdateNewChannelMessage({ message: post(9999, 1), pts: 5, ptsCount: 1 }));
    await h.monitor.settled();
    await h.monitor.stop();
    expect(h.events).toEqual([
      {
        kind: 'deleted',
        chatId: '1001',
        messageIds: ['2', '3'],
        observedAt: new Date(NOW).toISOString(),
        source: 'mtproto',
      },
    ]);
  });

  it('a refused live batch does not move the channel pts', async () => {
    const h = await live();
    h.refuse.when = () => true;
    h.tg.push(new Api.UpdateNewChannelMessage({ message: post(1001, 4), pts: 11, ptsCount: 1 }));
    await h.monitor.settled();
    await h.monitor.stop();
    expect((await h.store.getWatch('@neutralnews'))?.channelPts).toBe(10);
  });

  it('after a restart, the stored update state is caught up with getDifference (slice, then final), each message once', async () => {
    const h = harness();
    newsChannel(h.tg, 6, 20);
    await h.store.saveWatch(savedEntry({ ref: '@neutralnews', chatId: '1001', channelPts: 20 }));
    await h.store.saveUpdateState({
      account: 'monitor-1',
      pts: 50,
      qts: 0,
      date: 1_700_000_000,
      seq: 3,
      updatedAt: 'x',
    });
    const state = (pts: number) => new Api.updates.State({ pts, qts: 0, date: 1_700_000_100, seq: 4, unreadCount: 0 });
    h.tg.differences.push(
      new Api.updates.DifferenceSlice({
        newMessages: [post(1001, 4), post(1001, 5)],
        newEncryptedMessages: [],
        otherUpdates: [],
        chats: [],
        users: [],
        intermediateState: state(60),
      }),
      new Api.updates.Difference({
        newMessages: [post(1001, 6)],
        newEncryptedMessages: [],
        otherUpdates: [],
        chats: [],
        users: [],
        state: state(70),
      }),
    );
    // The channel's own difference repeats two of them: they must not be sent twice.
    h.tg.channelDifferences.set('1001', [
      new Api.updates.ChannelDifference({
        final: true,
        pts: 23,
        newMessages: [post(1001, 5), post(1001, 6)],
        otherUpdates: [],
        chats: [],
        users: [],
      }),
    ]);
    await h.monitor.start();
    await h.monitor.settled();
    await h.monitor.stop();
    expect(h.tg.callsOf('getDifference').map(([from]) => (from as { pts: number }).pts)).toEqual([50, 60]);
    expect(itemIds(h.events)).toEqual([4, 5, 6]);
    expect(await h.store.getUpdateState('monitor-1')).toMatchObject({ pts: 70, seq: 4 });
    expect((await h.store.getWatch('@neutralnews'))?.channelPts).toBe(23);
  });

  it('a reconnect (UpdatesTooLong) catches up with getDifference', async () => {
    const h = await live();
    h.tg.differences.push(
      new Api.updates.Difference({
        newMessages: [post(1001, 4)],
        newEncryptedMessages: [],
        otherUpdates: [],
        chats: [],
        users: [],
        state: new Api.updates.State({ pts: 2, qts: 0, date: 1_700_000_200, seq: 2, unreadCount: 0 }),
      }),
    );
    h.tg.push(new Api.UpdatesTooLong());
    await h.monitor.settled();
    await h.monitor.stop();
    expect(itemIds(h.events)).toEqual([4]);
    expect(await h.store.getUpdateState('monitor-1')).toMatchObject({ pts: 2 });
  });
});

describe('TelegramMonitor media', () => {
  const photo = (id: number, bytes: number) =>
    new Api.MessageMediaPhoto({
      photo: new Api.Photo({
        id: long(id),
        accessHash: long(1),
        fileReference: Buffer.alloc(0),
        date: 1_700_000_000,
        dcId: 2,
        sizes: [new Api.PhotoSize({ type: 'x', w: 800, h: 600, size: bytes })],
      }),
    });
  const video = (bytes: number) =>
    new Api.MessageMediaDocument({
      document: new Api.Document({
        id: long(9),
        accessHash: long(1),
        fileReference: Buffer.alloc(0),
        date: 1_700_000_000,
        mimeType: 'video/mp4',
        size: long(bytes),
        dcId: 2,
        attributes: [new Api.DocumentAttributeVideo({ duration: 3, w: 640, h: 360 })],
      }),
    });

  it('downloads wanted media within the limit with its sha256, and leaves larger files remote with a note', async () => {
    const h = harness();
    const channel = newsChannel(h.tg, 0);
    const small = photo(7, 500);
    const bytes = Buffer.alloc(500, 3);
    h.tg.files.set(small, bytes);
    channel.messages.set(1, post(1001, 1, { media: small }));
    channel.messages.set(2, post(1001, 2, { media: video(5_000) }));
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    await h.monitor.start();
    await h.monitor.settled();
    await h.monitor.stop();

    const items = h.events.flatMap((e) => (e.kind === 'item' ? [e.item] : []));
    const [withPhoto, withVideo] = items;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(withPhoto?.media).toEqual([
      expect.objectContaining({ kind: 'photo', status: 'present', path: '1001/1-0.jpg', sha256 }),
    ]);
    expect(await readFile(join(mediaDir, '1001', '1-0.jpg'))).toEqual(bytes);
    expect(withVideo?.media).toEqual([expect.objectContaining({ kind: 'video', status: 'remote' })]);
    expect(withVideo?.media?.[0]?.note).toContain('limit');
    expect(h.tg.callsOf('download')).toHaveLength(1);
  });
});

describe('TelegramMonitor metadata and re-checks', () => {
  it('a rename found on refresh is a channel event and an edit_group_title service event', async () => {
    const h = harness();
    const channel = newsChannel(h.tg, 0);
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    h.events.length = 0;
    channel.chat.title = 'Neutral news, renamed';
    await h.monitor.refreshMetadata();
    expect(h.events.map((e) => e.kind)).toEqual(['channel', 'service']);
    expect(h.events[0]).toMatchObject({ kind: 'channel', meta: { title: 'Neutral news, renamed' } });
    expect(h.events[1]).toMatchObject({
      kind: 'service',
      event: { action: 'edit_group_title', chatId: '1001', details: { title: 'Neutral news, renamed' } },
    });
    expect((await h.store.getWatch('@neutralnews'))?.meta?.title).toBe('Neutral news, renamed');
    h.events.length = 0;
    await h.monitor.refreshMetadata();
    expect(h.events.map((e) => e.kind)).toEqual(['channel']);
  });

  it('one chat is one entry however it is named, and keeps its back-fill when watched again', async () => {
    const h = harness();
    newsChannel(h.tg, 2);
    await h.monitor.watch('@NeutralNews', { join: false, by: 'tester' });
    await h.monitor.runBackfill('t.me/neutralnews');
    const again = await h.monitor.watch('https://t.me/NeutralNews', { join: false, by: 'someone else' });
    const byId = await h.monitor.watch('-1000000001001', { join: false, by: 'someone else' });
    expect([...h.store.watches.keys()]).toEqual(['@neutralnews']);
    expect(again).toMatchObject({ ref: '@neutralnews', addedBy: 'tester', backfill: { state: 'done', fetched: 2 } });
    expect(byId.ref).toBe('@neutralnews');
  });

  it('joins a public channel when asked', async () => {
    const h = harness();
    const channel = newsChannel(h.tg, 0);
    channel.chat.left = true;
    await h.monitor.watch('t.me/neutralnews', { join: true, by: 'tester' });
    expect(h.tg.callsOf('join')).toEqual([['1001']]);
  });

  it('an entry saved unresolved (by the CLI) is resolved, joined and saved with its chat id at start, then back-filled once', async () => {
    const h = harness();
    const channel = newsChannel(h.tg, 3);
    channel.chat.left = true;
    const at = new Date(NOW).toISOString();
    await h.store.saveWatch({
      ref: '@neutralnews',
      join: true,
      active: true,
      addedAt: at,
      addedBy: 'cli',
      backfill: { state: 'pending', fetched: 0 },
      updatedAt: at,
    });
    await h.monitor.start();
    await h.monitor.settled();
    await h.monitor.stop();
    expect(h.tg.callsOf('join')).toEqual([['1001']]);
    expect(await h.store.getWatch('@neutralnews')).toMatchObject({
      chatId: '1001',
      addedBy: 'cli',
      meta: { title: 'Neutral news' },
      backfill: { state: 'done', fetched: 3 },
    });
    expect([...itemIds(h.events)].sort()).toEqual([1, 2, 3]);
  });

  it('unwatch keeps the entry but stops following the chat', async () => {
    const h = harness();
    newsChannel(h.tg, 2);
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    await h.monitor.unwatch('@neutralnews');
    await h.monitor.start();
    await h.monitor.settled();
    await h.monitor.stop();
    expect(itemIds(h.events)).toEqual([]);
    expect((await h.store.getWatch('@neutralnews'))?.active).toBe(false);
    await expect(h.monitor.unwatch('@nothere')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.monitor.runBackfill('@neutralnews')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('checkReachable says present, gone (deleted message or closed channel) or error', async () => {
    const h = harness();
    const channel = newsChannel(h.tg, 3);
    expect(await h.monitor.checkReachable('https://t.me/neutralnews/2')).toBe('present');
    expect(await h.monitor.checkReachable('https://t.me/neutralnews/99')).toBe('gone');
    channel.unreachable = 'CHANNEL_PRIVATE';
    expect(await h.monitor.checkReachable('t.me/neutralnews/2')).toBe('gone');
    expect(await h.monitor.checkReachable('t.me/someoneelse/2')).toBe('gone');
    channel.unreachable = undefined;
    const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    h.tg.failNext('resolve', reset(), reset(), reset(), reset(), reset());
    expect(await h.monitor.checkReachable('t.me/neutralnews/2')).toBe('error');
    await expect(h.monitor.checkReachable('not a link')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
