import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index.js';
import { UpdateQueue } from './update-queue.js';

function queue(lost: AppError[] = [], sleeps: number[] = []) {
  return new UpdateQueue({
    log: { info: () => {}, warn: () => {} },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    maxDepth: 10,
    retryMs: 1_000,
    maxRetryMs: 4_000,
    onSessionLost: (error) => lost.push(error),
  });
}

describe('UpdateQueue', () => {
  it('runs steps one at a time in order', async () => {
    const q = queue();
    const seen: number[] = [];
    for (const n of [1, 2, 3]) {
      q.push(async () => {
        await new Promise((resolve) => setTimeout(resolve, 3 - n));
        seen.push(n);
      });
    }
    await q.idle();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('does not queue a poll while one is still waiting; the next timer tick polls again', async () => {
    const q = queue();
    let polls = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    q.push(() => held);
    for (let tick = 0; tick < 5; tick++) q.pushPoll(async () => void polls++);
    release();
    await q.idle();
    expect(polls).toBe(1);
    q.pushPoll(async () => void polls++);
    await q.idle();
    expect(polls).toBe(2);
  });

  it('the backoff before recovering doubles while recovery fails, up to its cap, and resets once it works', async () => {
    const sleeps: number[] = [];
    const q = queue([], sleeps);
    let failures = 4;
    const recover = async () => {
      if (failures-- > 0) throw new Error('still refused');
    };
    q.pushUpdate(
      async () => Promise.reject(new Error('refused')),
      async () => {},
      recover,
    );
    await q.idle();
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 4_000, 4_000]);
    q.pushUpdate(
      async () => Promise.reject(new Error('refused')),
      async () => {},
      recover,
    );
    await q.idle();
    expect(sleeps.slice(5)).toEqual([1_000]);
  });

  it('a revoked session closes the queue and is reported once; later work is not taken', async () => {
    const lost: AppError[] = [];
    const q = queue(lost);
    const revoked = new AppError('TELEGRAM_SESSION_INVALID', { detail: 'logged out' });
    let ran = 0;
    q.pushUpdate(
      async () => Promise.reject(revoked),
      async () => {},
      async () => void ran++,
    );
    await q.idle();
    q.pushUpdate(
      async () => void ran++,
      async () => {},
      async () => {},
    );
    q.pushPoll(async () => void ran++);
    await q.idle();
    expect(lost).toEqual([revoked]);
    expect(ran).toBe(0);
  });
});
