import { afterEach, describe, expect, it, vi } from 'vitest';
import { withinTime } from './within-time.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('withinTime', () => {
  it('gives the work its value, or its own error, when it settles in time, and leaves no timer', async () => {
    vi.useFakeTimers();
    const late = vi.fn(() => new Error('late'));
    await expect(withinTime(Promise.resolve(7), 1_000, late)).resolves.toBe(7);
    await expect(withinTime(Promise.reject(new Error('broken')), 1_000, late)).rejects.toThrow('broken');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(2_000);
    expect(late).not.toHaveBeenCalled();
  });

  it("rejects with late()'s error once the time is up, calling late once", async () => {
    vi.useFakeTimers();
    const late = vi.fn(() => new Error('took too long'));
    const waiting = withinTime(new Promise<never>(() => {}), 50, late);
    const outcome = expect(waiting).rejects.toThrow('took too long');
    vi.advanceTimersByTime(49);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await outcome;
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('handles a failure of the work after the time is up, so nothing is left unhandled', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let fail: (error: Error) => void = () => {};
      const work = new Promise<never>((_, reject) => {
        fail = reject;
      });
      await expect(withinTime(work, 10, () => new Error('late'))).rejects.toThrow('late');
      fail(new Error('the work failed afterwards'));
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
