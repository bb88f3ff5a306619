import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../ports.js';
import {
  makeAssessment,
  makeBatch,
  makeChannel,
  makeChannelEvent,
  makeItem,
  makeViolating,
  minutesAfter,
} from './fixtures.js';
import type { StoreFactory } from './store-factory.js';
import { walkPages } from './walk-pages.js';

/** ChannelStore: channels widen as they are seen again, carry counts, and keep their events once. */
export function runChannelStoreContract(factory: StoreFactory): void {
  describe('ChannelStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    const saveChannels = (...channels: ReturnType<typeof makeChannel>[]) => store.saveBatch(makeBatch({ channels }));

    it('round-trips a channel with counts of zero', async () => {
      const channel = makeChannel({ id: '-1002', username: 'example_two', title: 'Two', type: 'supergroup' });
      await saveChannels(channel);
      expect(await store.getChannel('telegram', '-1002')).toStrictEqual({
        ...channel,
        items: 0,
        violating: 0,
        review: 0,
      });
    });

    it('leaves absent names absent', async () => {
      const channel = makeChannel({ id: '-1003', title: undefined, type: 'unknown' });
      delete channel.title;
      await saveChannels(channel);
      expect(await store.getChannel('telegram', '-1003')).toStrictEqual({
        ...channel,
        items: 0,
        violating: 0,
        review: 0,
      });
    });

    it('answers undefined for a channel it has not seen', async () => {
      expect(await store.getChannel('telegram', '-404')).toBeUndefined();
    });

    it('widens the seen range when a channel is seen again, earlier or later', async () => {
      await saveChannels(makeChannel({ firstSeenAt: minutesAfter(10), lastSeenAt: minutesAfter(20) }));
      await saveChannels(makeChannel({ firstSeenAt: minutesAfter(5), lastSeenAt: minutesAfter(15) }));
      await saveChannels(makeChannel({ firstSeenAt: minutesAfter(12), lastSeenAt: minutesAfter(30) }));
      const channel = await store.getChannel('telegram', '-1001');
      expect(channel?.firstSeenAt).toBe(minutesAfter(5));
      expect(channel?.lastSeenAt).toBe(minutesAfter(30));
    });

    it('keeps the latest non-null title and username', async () => {
      await saveChannels(makeChannel({ title: 'Old name', username: 'old_name', lastSeenAt: minutesAfter(10) }));
      await saveChannels(makeChannel({ title: 'New name', lastSeenAt: minutesAfter(20) }));
      const untitled = makeChannel({ lastSeenAt: minutesAfter(30) });
      delete untitled.title;
      await saveChannels(untitled);
      // An older sighting, imported late, does not roll the rename back.
      await saveChannels(makeChannel({ title: 'Older name', username: 'older', lastSeenAt: minutesAfter(1) }));
      const channel = await store.getChannel('telegram', '-1001');
      expect(channel?.title).toBe('New name');
      expect(channel?.username).toBe('old_name');
    });

    it('counts a channel’s items, violating and in review', async () => {
      const items = Array.from({ length: 5 }, () => makeItem({ chatId: '-1001' }));
      const elsewhere = makeItem({ chatId: '-1002' });
      const [a, b, c, d] = items as [ReturnType<typeof makeItem>, ...ReturnType<typeof makeItem>[]];
      await store.saveBatch(
        makeBatch({
          channels: [makeChannel()],
          items: [...items, elsewhere],
          assessments: [
            makeViolating(a),
            makeViolating(b as typeof a),
            makeAssessment(c as typeof a, { verdict: 'review' }),
            makeAssessment(d as typeof a),
            makeViolating(elsewhere),
          ],
        }),
      );
      expect(await store.getChannel('telegram', '-1001')).toMatchObject({ items: 5, violating: 2, review: 1 });
    });

    it('lists channels most recently seen first, over pages without gaps or repeats', async () => {
      const channels = Array.from({ length: 11 }, (_, n) =>
        makeChannel({ id: `-20${n}`, lastSeenAt: minutesAfter(n % 4) }),
      );
      await saveChannels(...channels);
      const walked = await walkPages((cursor) => store.listChannels(3, cursor));
      expect(walked.rows).toHaveLength(11);
      expect(new Set(walked.rows.map((c) => c.id)).size).toBe(11);
      const seen = walked.rows.map((c) => Date.parse(c.lastSeenAt));
      expect(seen).toEqual([...seen].sort((x, y) => y - x));
      expect((await store.listChannels(100)).rows).toEqual(walked.rows);
    });

    it('stores a channel event once, however often it is saved', async () => {
      const event = makeChannelEvent({
        actor: 'Admin',
        actorId: 'user1',
        details: { title: 'Renamed', members: ['a', 'b'] },
      });
      const first = await store.saveBatch(makeBatch({ channelEvents: [event] }));
      const second = await store.saveBatch(makeBatch({ channelEvents: [event, { ...event }] }));
      expect(first.channelEventsInserted).toBe(1);
      expect(second.channelEventsInserted).toBe(0);
      expect(await store.listChannelEvents('telegram', '-1001', 10)).toStrictEqual([event]);
    });

    it('lists a chat’s events newest first, up to the limit, and only that chat’s', async () => {
      const events = [3, 1, 2].map((m) => makeChannelEvent({ at: minutesAfter(m), details: { pinned: m } }));
      const other = makeChannelEvent({ chatId: '-1002' });
      await store.saveBatch(makeBatch({ channelEvents: [...events, other] }));
      const listed = await store.listChannelEvents('telegram', '-1001', 2);
      expect(listed.map((e) => e.at)).toEqual([minutesAfter(3), minutesAfter(2)]);
      expect(await store.listChannelEvents('telegram', '-1002', 10)).toStrictEqual([other]);
    });
  });
}
