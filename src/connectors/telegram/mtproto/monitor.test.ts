import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Api } from 'telegram';
import { FloodWaitError } from 'telegram/errors/index.js';
import { describe, expect, it } from 'vitest';
import { watchKey } from '../watch-key.js';
import { harness, itemBatches, itemIds, media, NOW, newsChannel, range } from './monitor-harness.js';
import { fakeChannel, long, post } from './testing.js';

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
      expect.objectContaining({ kind: 'photo', status: 'present', path: '1001/1-0-0.jpg', sha256 }),
    ]);
    expect(await readFile(join(media.dir, '1001', '1-0-0.jpg'))).toEqual(bytes);
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

  it('an invite the CLI saved under watchKey is the entry the monitor joins and fills in: one entry, not two', async () => {
    const h = harness();
    const channel = newsChannel(h.tg, 2);
    h.tg.invites.set('AbCdEf12', channel);
    const at = new Date(NOW).toISOString();
    const ref = watchKey('https://t.me/+AbCdEf12');
    await h.store.saveWatch({
      ref,
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
    expect(h.tg.callsOf('joinInvite')).toEqual([['AbCdEf12']]);
    expect([...h.store.watches.keys()]).toEqual([ref]);
    expect(h.store.watches.get(ref)).toMatchObject({ chatId: '1001', addedBy: 'cli', backfill: { state: 'done' } });
    expect(await h.monitor.unwatch('t.me/joinchat/AbCdEf12')).toMatchObject({ ref, active: false });
  });

  it('an unexpected error is kept on the entry by its code only, not its raw message', async () => {
    const h = harness();
    newsChannel(h.tg, 2);
    await h.monitor.watch('@neutralnews', { join: false, by: 'tester' });
    h.tg.failNext(
      'history',
      Object.assign(new Error('raw detail with /home/user/path and quoted text'), { code: 'EIO' }),
    );
    await h.monitor.start();
    await h.monitor.settled();
    await h.monitor.stop();
    const lastError = (await h.store.getWatch('@neutralnews'))?.lastError ?? '';
    expect(lastError).toContain('(EIO)');
    expect(lastError).not.toContain('raw detail');
    expect(lastError).not.toContain('/home/user');
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
