import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelMeta, MessageDeletion, ModeratedChat, UpdateState, WatchEntry } from '../../core/index.js';
import type { Store } from '../ports.js';
import { minutesAfter } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';

/** A factory whose stores can be closed and opened again on the same database. */
export interface ReopeningStoreFactory extends StoreFactory {
  /** Closes `store` and opens its database again; absent where a database dies with its store (`:memory:`). */
  reopen?: (store: Store) => Promise<Store>;
}

function watch(fixture: Partial<WatchEntry> = {}): WatchEntry {
  return {
    ref: '@example_news',
    join: false,
    active: true,
    addedAt: minutesAfter(0),
    addedBy: 'operator-1',
    backfill: { state: 'pending', fetched: 0 },
    updatedAt: minutesAfter(0),
    ...fixture,
  };
}

function meta(fixture: Partial<ChannelMeta> = {}): ChannelMeta {
  return {
    platform: 'telegram',
    chatId: '1001',
    type: 'channel',
    username: 'example_news',
    title: 'Example news',
    about: 'A neutral description',
    memberCount: 1200,
    avatarId: '5550001',
    avatarPdq: 'f'.repeat(64),
    observedAt: minutesAfter(3),
    ...fixture,
  };
}

function deletion(fixture: Partial<MessageDeletion> = {}): MessageDeletion {
  return {
    platform: 'telegram',
    chatId: '1001',
    messageId: '10',
    deletedAt: minutesAfter(10),
    source: 'mtproto',
    removedBy: 'author',
    ...fixture,
  };
}

function moderated(fixture: Partial<ModeratedChat> = {}): ModeratedChat {
  return {
    chatId: '2002',
    type: 'supergroup',
    title: 'Example group',
    username: 'example_group',
    rights: { status: 'administrator', canDeleteMessages: true, canRestrictMembers: false },
    checkedAt: minutesAfter(1),
    ...fixture,
  };
}

/** TelegramStore: the monitor's watch list and checkpoints, update state, deletions, moderated chats. */
export function runTelegramStoreContract(factory: ReopeningStoreFactory): void {
  describe('TelegramStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('saves watch entries, finds them by ref or chat id, and lists followed and unwatched ones', async () => {
      const bare = watch({ ref: '@bare_channel' });
      const full = watch({
        ref: 'https://t.me/example_news',
        chatId: '1001',
        join: true,
        addedAt: minutesAfter(1),
        backfill: { state: 'running', newestId: 500, oldestId: 420, fetched: 80, notBefore: minutesAfter(-600) },
        channelPts: 9000,
        meta: meta(),
        lastError: 'the chat could not be reached',
      });
      await store.saveWatch(bare);
      await store.saveWatch(full);
      expect(await store.getWatch('@bare_channel')).toStrictEqual(bare);
      expect(await store.getWatch('https://t.me/example_news')).toStrictEqual(full);
      expect(await store.getWatch('1001')).toStrictEqual(full);
      expect(await store.getWatch('@nobody')).toBeUndefined();

      // Unwatching saves the entry again, inactive; its checkpoint stays.
      const unwatched = { ...bare, active: false, updatedAt: minutesAfter(5) };
      await store.saveWatch(unwatched);
      expect(await store.listWatches()).toStrictEqual([unwatched, full]);
      expect(await store.listWatches({ active: true })).toStrictEqual([full]);
      expect(await store.listWatches({ active: false })).toStrictEqual([unwatched]);
    });

    it('answers a chat id with the followed, oldest of the refs that resolved to it', async () => {
      const oldInactive = watch({ ref: '@first_name', chatId: '3003', active: false, addedAt: minutesAfter(0) });
      const newer = watch({ ref: 'https://t.me/renamed', chatId: '3003', addedAt: minutesAfter(9) });
      const older = watch({ ref: '@renamed', chatId: '3003', addedAt: minutesAfter(4) });
      for (const entry of [oldInactive, newer, older]) await store.saveWatch(entry);
      expect((await store.getWatch('3003'))?.ref).toBe('@renamed');
      await store.saveWatch({ ...older, active: false });
      expect((await store.getWatch('3003'))?.ref).toBe('https://t.me/renamed');
    });

    it('lists watch entries oldest first by instant, whatever the offset they were written with', async () => {
      // 14:30+03:00 is 11:30Z, before 12:00Z, although it sorts after it as text.
      const offset = watch({ ref: '@b', addedAt: '2024-03-01T14:30:00.000+03:00' });
      const utc = watch({ ref: '@a', addedAt: '2024-03-01T12:00:00.000Z' });
      const tie = watch({ ref: '@c', addedAt: '2024-03-01T12:00:00.000Z' });
      for (const entry of [tie, utc, offset]) await store.saveWatch(entry);
      expect((await store.listWatches()).map((w) => w.ref)).toEqual(['@b', '@a', '@c']);
    });

    it('moves a back-fill checkpoint, channel pts and metadata on, and keeps them across a reopen', async () => {
      const entry = watch({ chatId: '1001' });
      const other = watch({ ref: '@other' });
      await store.saveWatch(entry);
      await store.saveWatch(other);
      const checkpoint = { state: 'running' as const, newestId: 300, oldestId: 200, fetched: 100 };
      await store.saveBackfill(entry.ref, checkpoint, minutesAfter(2));
      await store.saveChannelPts(entry.ref, 4321, minutesAfter(3));
      const observed = meta({ title: 'Renamed news', avatarId: '5550002' });
      await store.saveWatchMeta(entry.ref, observed, minutesAfter(4));
      store = factory.reopen ? await factory.reopen(store) : store;
      const expected = { ...entry, backfill: checkpoint, channelPts: 4321, meta: observed, updatedAt: minutesAfter(4) };
      expect(await store.getWatch(entry.ref)).toStrictEqual(expected);
      expect(await store.getWatch('@other')).toStrictEqual(other);
      const done = { ...checkpoint, state: 'done' as const, oldestId: 1, fetched: 299 };
      await store.saveBackfill(entry.ref, done, minutesAfter(6));
      expect(await store.getWatch(entry.ref)).toStrictEqual({
        ...expected,
        backfill: done,
        updatedAt: minutesAfter(6),
      });
    });

    it('refuses to move on an entry that is not on the watch list', async () => {
      const at = minutesAfter(1);
      await expect(store.saveBackfill('@missing', { state: 'done', fetched: 0 }, at)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(store.saveChannelPts('@missing', 1, at)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.saveWatchMeta('@missing', meta(), at)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.listWatches()).toEqual([]);
    });

    it('round-trips the update state of each account, the last save winning', async () => {
      expect(await store.getUpdateState('main')).toBeUndefined();
      const first: UpdateState = {
        account: 'main',
        pts: 100,
        qts: 2,
        date: 1_709_294_400,
        seq: 7,
        updatedAt: minutesAfter(1),
      };
      await store.saveUpdateState(first);
      await store.saveUpdateState({ ...first, account: 'second', pts: 5 });
      expect(await store.getUpdateState('main')).toStrictEqual(first);
      const later = { ...first, pts: 2_147_483_000, qts: 3, date: 1_709_294_999, seq: 8, updatedAt: minutesAfter(2) };
      await store.saveUpdateState(later);
      store = factory.reopen ? await factory.reopen(store) : store;
      expect(await store.getUpdateState('main')).toStrictEqual(later);
      expect((await store.getUpdateState('second'))?.pts).toBe(5);
    });

    it('records a deletion once: the first observation stands', async () => {
      const first = deletion();
      expect(await store.recordDeletion(first)).toBe(true);
      const again = deletion({ deletedAt: minutesAfter(20), source: 'recheck', removedBy: 'platform' });
      expect(await store.recordDeletion(again)).toBe(false);
      expect(await store.getDeletion('telegram', '1001', '10')).toStrictEqual(first);
      expect(await store.getDeletion('telegram', '1001', '11')).toBeUndefined();
      expect(await store.listDeletions({ limit: 10 })).toStrictEqual([first]);
    });

    it('lists deletions newest first, by chat, up to the limit', async () => {
      const made = [
        deletion({ messageId: '1', deletedAt: minutesAfter(1) }),
        deletion({ messageId: '2', chatId: '2002', deletedAt: minutesAfter(5), source: 'bot-api', removedBy: 'rasd' }),
        // 12:03+00:30 is 11:33Z: the oldest, though its text sorts after the others.
        deletion({ messageId: '3', deletedAt: '2024-03-01T12:03:00.000+00:30' }),
        deletion({ messageId: '4', deletedAt: minutesAfter(3), source: 'recheck', removedBy: 'platform' }),
      ];
      for (const d of made) await store.recordDeletion(d);
      const ids = (list: MessageDeletion[]) => list.map((d) => d.messageId);
      expect(ids(await store.listDeletions({ limit: 10 }))).toEqual(['2', '4', '1', '3']);
      expect(ids(await store.listDeletions({ limit: 2 }))).toEqual(['2', '4']);
      expect(await store.listDeletions({ chatId: '1001', limit: 10 })).toStrictEqual([made[3], made[0], made[2]]);
      expect(await store.listDeletions({ chatId: '9999', limit: 10 })).toEqual([]);
      await expect(store.listDeletions({ limit: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    });

    it('refuses a deletion whose time is not an instant, and keeps nothing of it', async () => {
      await expect(store.recordDeletion(deletion({ deletedAt: 'yesterday' }))).rejects.toMatchObject({
        code: 'INPUT_INVALID',
      });
      expect(await store.listDeletions({ limit: 5 })).toEqual([]);
    });

    it('keeps the chats the bot moderates, with its latest rights in each', async () => {
      const group = moderated();
      const channel = moderated({
        chatId: '1001',
        type: 'channel',
        rights: { status: 'member', canDeleteMessages: false, canRestrictMembers: false },
      });
      const { title: _t, username: _u, ...bare } = moderated({ chatId: '3003', type: 'group' });
      await store.saveModeratedChat(group);
      await store.saveModeratedChat(channel);
      await store.saveModeratedChat(bare);
      expect(await store.listModeratedChats()).toStrictEqual([channel, group, bare]);
      const promoted = {
        ...group,
        title: 'Renamed group',
        rights: { status: 'administrator' as const, canDeleteMessages: true, canRestrictMembers: true },
        checkedAt: minutesAfter(9),
      };
      await store.saveModeratedChat(promoted);
      expect(await store.getModeratedChat('2002')).toStrictEqual(promoted);
      expect(await store.getModeratedChat('3003')).toStrictEqual(bare);
      expect(await store.getModeratedChat('4004')).toBeUndefined();
      expect(await store.listModeratedChats()).toHaveLength(3);
    });
  });
}
