import { Api } from 'telegram';
import { RPCError } from 'telegram/errors/index.js';
import { describe, expect, it } from 'vitest';
import { harness, itemBatches, itemIds, NOW, newsChannel, savedEntry } from './monitor-harness.js';
import { FakeTelegram, fakeChannel, long, MemoryMonitorStore, post } from './testing.js';

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

  it('a live update the sink refused is fetched again by difference after a backoff, and delivered once it recovers', async () => {
    const h = await live();
    let refusals = 3;
    h.refuse.when = (batch) => itemBatches(batch) && refusals-- > 0;
    const missed = () =>
      new Api.updates.ChannelDifference({
        final: true,
        pts: 11,
        newMessages: [post(1001, 4)],
        otherUpdates: [],
        chats: [],
        users: [],
      });
    h.tg.channelDifferences.set('1001', [missed(), missed(), missed()]);
    h.tg.push(new Api.UpdateNewChannelMessage({ message: post(1001, 4), pts: 11, ptsCount: 1 }));
    await h.monitor.settled();
    expect(itemIds(h.events)).toEqual([4]);
    expect((await h.store.getWatch('@neutralnews'))?.channelPts).toBe(11);
    // Each failed catch-up doubles the wait before the next.
    expect(h.sleeps).toEqual([1_000, 2_000, 4_000]);
    await h.monitor.stop();
  });

  it('past the queue limit, pushed updates are dropped for one catch-up that fetches them by pts', async () => {
    const h = harness(new FakeTelegram(), new MemoryMonitorStore(), 0, { maxQueuedUpdates: 2 });
    newsChannel(h.tg, 3);
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    await h.monitor.start();
    await h.monitor.settled();
    h.events.length = 0;
    const ids = [11, 12, 13, 14, 15, 16, 17, 18];
    h.tg.channelDifferences.set('1001', [
      new Api.updates.ChannelDifference({
        final: true,
        pts: 18,
        newMessages: ids.slice(2).map((id) => post(1001, id)),
        otherUpdates: [],
        chats: [],
        users: [],
      }),
    ]);
    for (const id of ids) h.tg.push(new Api.UpdateNewChannelMessage({ message: post(1001, id), pts: id, ptsCount: 1 }));
    await h.monitor.settled();
    expect(itemIds(h.events)).toEqual(ids);
    expect(h.tg.callsOf('getChannelDifference').at(-1)).toEqual(['1001', 12, 100]);
    expect(h.logs.filter((l) => l.message === 'telegram.updates.overflow')).toHaveLength(1);
    expect((await h.store.getWatch('@neutralnews'))?.channelPts).toBe(18);
    await h.monitor.stop();
  });

  it('deletions in basic groups and private chats (no chat named) are not delivered, but counted in the log', async () => {
    const h = await live();
    h.tg.push(new Api.UpdateDeleteMessages({ messages: [5, 6], pts: 2, ptsCount: 1 }));
    await h.monitor.settled();
    await h.monitor.stop();
    expect(h.events).toEqual([]);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ message: 'telegram.deletion.unattributed', fields: { messages: 2 } }),
    );
    expect(h.store.states.get('monitor-1')?.pts).toBe(2);
  });

  it('a catch-up cut short by maxMessages says so in the log, with counts', async () => {
    const h = harness(new FakeTelegram(), new MemoryMonitorStore(), 0, {
      backfill: { pageSize: 100, maxMessages: 5 },
    });
    const channel = newsChannel(h.tg, 3);
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    await h.monitor.start();
    await h.monitor.settled();
    h.events.length = 0;
    for (let id = 4; id <= 20; id++) channel.messages.set(id, post(1001, id));
    h.tg.channelDifferences.set('1001', [
      new Api.updates.ChannelDifferenceTooLong({ final: true, dialog: dialog(30), messages: [], chats: [], users: [] }),
    ]);
    h.tg.push(new Api.UpdateChannelTooLong({ channelId: long(1001) }));
    await h.monitor.settled();
    await h.monitor.stop();
    expect(itemIds(h.events)).toEqual([16, 17, 18, 19, 20]);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        message: 'telegram.catchup.truncated',
        fields: expect.objectContaining({ delivered: 5, maxMessages: 5, knownId: 3, oldestDeliveredId: 16 }),
      }),
    );
  });

  it('a revoked session while running resolves `failed` and stops following', async () => {
    const h = await live();
    h.tg.failNext('getChannelDifference', new RPCError('AUTH_KEY_UNREGISTERED', undefined as never, 401));
    h.tg.push(new Api.UpdateNewChannelMessage({ message: post(1001, 6), pts: 13, ptsCount: 1 }));
    await expect(h.monitor.failed).resolves.toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
    h.tg.push(new Api.UpdateNewChannelMessage({ message: post(1001, 4), pts: 11, ptsCount: 1 }));
    await h.monitor.settled();
    expect(h.events).toEqual([]);
    await h.monitor.stop();
  });
});

function dialog(pts: number): Api.Dialog {
  return new Api.Dialog({
    peer: new Api.PeerChannel({ channelId: long(1001) }),
    topMessage: 20,
    readInboxMaxId: 0,
    readOutboxMaxId: 0,
    unreadCount: 0,
    unreadMentionsCount: 0,
    unreadReactionsCount: 0,
    notifySettings: new Api.PeerNotifySettings({}),
    pts,
  });
}
