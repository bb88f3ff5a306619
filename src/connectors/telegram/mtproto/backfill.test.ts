import { Api } from 'telegram';
import { returnBigInt as bigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import type { BackfillCheckpoint } from '../../../core/index.js';
import { applyBackfillPage, driveBackfill, nextBackfillPage, startCheckpoint } from './backfill.js';

const peerId = new Api.PeerChannel({ channelId: bigInt(42) });
const BASE = 1_700_000_000;
/** Message n is posted n hours after BASE. */
const message = (id: number) => new Api.Message({ id, peerId, date: BASE + id * 3600, message: 'neutral' });

/** A chat whose history is messages 1..count; pages newest first like messages.getHistory. */
function history(count: number) {
  const calls: { offsetId: number; limit: number }[] = [];
  const fetchPage = async (offsetId: number, limit: number) => {
    calls.push({ offsetId, limit });
    const top = offsetId === 0 ? count : offsetId - 1;
    const ids: number[] = [];
    for (let id = top; id >= 1 && ids.length < limit; id--) ids.push(id);
    return ids.map(message);
  };
  return { fetchPage, calls };
}

const ids = (messages: readonly Api.TypeMessage[]) => messages.map((m) => m.id);

describe('nextBackfillPage', () => {
  const limits = { pageSize: 100, maxMessages: 1_000 };
  it('starts from the newest message', () => {
    expect(nextBackfillPage(startCheckpoint(0), limits)).toEqual({ kind: 'page', offsetId: 0, limit: 100 });
  });
  it('continues older than the oldest fetched', () => {
    const checkpoint: BackfillCheckpoint = { state: 'running', newestId: 500, oldestId: 401, fetched: 100 };
    expect(nextBackfillPage(checkpoint, limits)).toEqual({ kind: 'page', offsetId: 401, limit: 100 });
  });
  it('asks only for what the cap leaves, and stops at the cap and at message 1', () => {
    expect(nextBackfillPage({ state: 'running', oldestId: 50, fetched: 950 }, limits)).toMatchObject({ limit: 50 });
    expect(nextBackfillPage({ state: 'running', oldestId: 50, fetched: 1_000 }, limits)).toEqual({ kind: 'done' });
    expect(nextBackfillPage({ state: 'running', oldestId: 1, fetched: 3 }, limits)).toEqual({ kind: 'done' });
  });
  it('Telegram pages hold at most 100 messages', () => {
    expect(nextBackfillPage(startCheckpoint(0), { pageSize: 500, maxMessages: 1_000 })).toMatchObject({ limit: 100 });
  });
});

describe('applyBackfillPage', () => {
  const limits = { pageSize: 3, maxMessages: 100 };
  it('the first page records newestId and oldestId and hands messages over oldest first', () => {
    const page = applyBackfillPage(startCheckpoint(0), [message(9), message(8), message(7)], limits);
    expect(ids(page.messages)).toEqual([7, 8, 9]);
    expect(page.checkpoint).toEqual({ state: 'running', newestId: 9, oldestId: 7, fetched: 3 });
  });
  it('drops a repeated boundary message instead of sending it twice', () => {
    const checkpoint: BackfillCheckpoint = { state: 'running', newestId: 9, oldestId: 7, fetched: 3 };
    const page = applyBackfillPage(checkpoint, [message(7), message(6), message(5)], limits);
    expect(ids(page.messages)).toEqual([5, 6]);
    expect(page.checkpoint).toMatchObject({ oldestId: 5, fetched: 5, newestId: 9 });
  });
  it('stops at notBefore: older messages are not handed over', () => {
    const checkpoint: BackfillCheckpoint = {
      state: 'pending',
      fetched: 0,
      notBefore: new Date((BASE + 8 * 3600) * 1000).toISOString(),
    };
    const page = applyBackfillPage(checkpoint, [message(9), message(8), message(7)], limits);
    expect(ids(page.messages)).toEqual([8, 9]);
    expect(page.checkpoint.state).toBe('done');
  });
  it('an empty page is the start of history', () => {
    const page = applyBackfillPage({ state: 'running', oldestId: 4, fetched: 2 }, [], limits);
    expect(page).toEqual({ messages: [], checkpoint: { state: 'done', oldestId: 4, fetched: 2 } });
  });
});

describe('driveBackfill', () => {
  it('reads the whole history in pages, each page saved after it was taken', async () => {
    const chat = history(250);
    const delivered: number[] = [];
    const saved: BackfillCheckpoint[] = [];
    const end = await driveBackfill({
      checkpoint: startCheckpoint(0),
      limits: { pageSize: 100, maxMessages: 10_000 },
      fetchPage: chat.fetchPage,
      deliver: async (messages) => {
        delivered.push(...ids(messages));
      },
      save: async (checkpoint) => {
        saved.push(checkpoint);
      },
    });
    expect(new Set(delivered).size).toBe(250);
    expect(delivered).toHaveLength(250);
    expect(chat.calls.map((c) => c.offsetId)).toEqual([0, 151, 51]);
    expect(saved.map((s) => s.fetched)).toEqual([100, 200, 250]);
    expect(end).toEqual({ state: 'done', newestId: 250, oldestId: 1, fetched: 250 });
  });

  it('a rejected hand-over keeps the checkpoint; the next run resumes there with no gap or duplicate', async () => {
    const chat = history(250);
    const delivered: number[] = [];
    let saved: BackfillCheckpoint = startCheckpoint(0);
    let pages = 0;
    const run = () =>
      driveBackfill({
        checkpoint: saved,
        limits: { pageSize: 100, maxMessages: 10_000 },
        fetchPage: chat.fetchPage,
        deliver: async (messages) => {
          if (++pages === 3) throw new Error('scan queue closed');
          delivered.push(...ids(messages));
        },
        save: async (checkpoint) => {
          saved = checkpoint;
        },
      });
    await expect(run()).rejects.toThrow('scan queue closed');
    expect(saved).toMatchObject({ state: 'running', oldestId: 51, fetched: 200 });
    await run();
    expect(delivered).toHaveLength(250);
    expect(new Set(delivered).size).toBe(250);
    expect(saved.state).toBe('done');
  });

  it('a stop lets the current page finish and returns its checkpoint', async () => {
    const chat = history(250);
    let stop = false;
    const end = await driveBackfill({
      checkpoint: startCheckpoint(0),
      limits: { pageSize: 100, maxMessages: 10_000 },
      fetchPage: chat.fetchPage,
      deliver: async () => {
        stop = true;
      },
      save: async () => {},
      shouldStop: () => stop,
    });
    expect(end).toMatchObject({ state: 'running', fetched: 100, oldestId: 151 });
    expect(chat.calls).toHaveLength(1);
  });

  it('the message cap ends the back-fill', async () => {
    const chat = history(250);
    const end = await driveBackfill({
      checkpoint: startCheckpoint(0),
      limits: { pageSize: 100, maxMessages: 120 },
      fetchPage: chat.fetchPage,
      deliver: async () => {},
      save: async () => {},
    });
    expect(end).toMatchObject({ state: 'done', fetched: 120, oldestId: 131 });
    expect(chat.calls.map((c) => c.limit)).toEqual([100, 20]);
  });
});
