import { FloodWaitError, RPCError, RPCMessageToError, ServerError, SlowModeWaitError } from 'telegram/errors/index.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index.js';
import { classifyTelegramError, type RetryWait, withTelegramRetry } from './backoff.js';

function harness(random = 0.5) {
  const slept: number[] = [];
  const waits: RetryWait[] = [];
  return {
    slept,
    waits,
    options: {
      sleep: async (ms: number) => {
        slept.push(ms);
      },
      random: () => random,
      onWait: (wait: RetryWait) => waits.push(wait),
      call: 'history',
    },
  };
}

/** A function that throws the given errors in turn, then returns `value`. */
function failing<T>(errors: unknown[], value: T) {
  let calls = 0;
  const fn = async (): Promise<T> => {
    const error = errors[calls++];
    if (error !== undefined) throw error;
    return value;
  };
  return { fn, calls: () => calls };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('withTelegramRetry', () => {
  it('waits out a FLOOD_WAIT for at least the seconds Telegram asked, then retries', async () => {
    const h = harness(0.999);
    const { fn, calls } = failing([new FloodWaitError({ request: undefined, capture: 30 })], 'page');
    await expect(withTelegramRetry(fn, h.options)).resolves.toBe('page');
    expect(calls()).toBe(2);
    expect(h.slept).toHaveLength(1);
    expect(h.slept[0]).toBeGreaterThanOrEqual(30_000);
    expect(h.slept[0]).toBeLessThanOrEqual(31_000);
    expect(h.waits[0]).toMatchObject({ call: 'history', attempt: 1, reason: 'flood' });
  });

  it('never waits less than asked, even with zero jitter', async () => {
    const h = harness(0);
    const { fn } = failing([new SlowModeWaitError({ request: undefined, capture: 7 })], 1);
    await withTelegramRetry(fn, h.options);
    expect(h.slept).toEqual([7_000]);
  });

  it('recognises FLOOD_PREMIUM_WAIT as GramJS maps it (to FloodWaitError)', async () => {
    const error = RPCMessageToError(
      { errorMessage: 'FLOOD_PREMIUM_WAIT_12', errorCode: 420 } as never,
      undefined as never,
    );
    expect(classifyTelegramError(error)).toEqual({ kind: 'flood', seconds: 12 });
  });

  it('refuses to wait longer than maxWaitSeconds: TELEGRAM_RATE_LIMITED with the seconds, retryable', async () => {
    const h = harness();
    const { fn, calls } = failing([new FloodWaitError({ request: undefined, capture: 3600 })], 1);
    const error = await rejection(withTelegramRetry(fn, { ...h.options, maxWaitSeconds: 600 }));
    expect(error.code).toBe('TELEGRAM_RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.detail).toContain('3600 seconds');
    expect(calls()).toBe(1);
    expect(h.slept).toEqual([]);
  });

  it('backs off exponentially on server errors, capped, and gives up as TELEGRAM_UNAVAILABLE', async () => {
    const h = harness(1);
    const server = () => new ServerError('INTERNAL', undefined as never, 500);
    const { fn, calls } = failing([server(), server(), server(), server()], 1);
    const error = await rejection(
      withTelegramRetry(fn, { ...h.options, maxAttempts: 4, baseBackoffMs: 100, maxBackoffMs: 300 }),
    );
    expect(error.code).toBe('TELEGRAM_UNAVAILABLE');
    expect(calls()).toBe(4);
    expect(h.slept).toEqual([100, 200, 300]);
  });

  it('retries a -503 timeout and a dropped connection, then succeeds', async () => {
    const h = harness(0);
    const timeout = new RPCError('Timeout', undefined as never, -503);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const { fn } = failing([timeout, reset], 'ok');
    await expect(withTelegramRetry(fn, { ...h.options, baseBackoffMs: 1_000 })).resolves.toBe('ok');
    expect(h.slept).toEqual([500, 1_000]);
    expect(h.waits.map((w) => w.reason)).toEqual(['transient', 'transient']);
  });

  it.each(['CHANNEL_PRIVATE', 'USERNAME_NOT_OCCUPIED', 'USERNAME_INVALID', 'INVITE_HASH_EXPIRED', 'CHANNEL_INVALID'])(
    '%s is TELEGRAM_CHAT_UNREACHABLE at once',
    async (message) => {
      const h = harness();
      const { fn, calls } = failing([new RPCError(message, undefined as never, 400)], 1);
      const error = await rejection(withTelegramRetry(fn, h.options));
      expect(error.code).toBe('TELEGRAM_CHAT_UNREACHABLE');
      expect(error.detail).toContain(message);
      expect(calls()).toBe(1);
      expect(h.slept).toEqual([]);
    },
  );

  it.each(['AUTH_KEY_UNREGISTERED', 'SESSION_REVOKED', 'USER_DEACTIVATED'])(
    '%s is TELEGRAM_SESSION_INVALID at once, saying to log in again',
    async (message) => {
      const h = harness();
      const { fn, calls } = failing([new RPCError(message, undefined as never, 401)], 1);
      const error = await rejection(withTelegramRetry(fn, h.options));
      expect(error.code).toBe('TELEGRAM_SESSION_INVALID');
      expect(error.detail).toContain('rasd telegram login');
      expect(calls()).toBe(1);
    },
  );

  it('rethrows an unknown error unchanged, without retrying', async () => {
    const h = harness();
    const odd = new RPCError('MESSAGE_ID_INVALID', undefined as never, 400);
    const { fn, calls } = failing([odd], 1);
    await expect(withTelegramRetry(fn, h.options)).rejects.toBe(odd);
    expect(calls()).toBe(1);
  });
});
