import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';
import { TokenBuckets } from './token-bucket.js';

describe('LoginThrottle', () => {
  it('blocks a username and address after five failures in the window, until the oldest ages out', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now });
    const key = LoginThrottle.key('Alice', '10.0.0.1');
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfterMs(key)).toBe(0);
      throttle.fail(key);
      now += 1000;
    }
    expect(throttle.retryAfterMs(key)).toBe(15 * 60_000 - 5000);
    expect(throttle.retryAfterMs(LoginThrottle.key('alice', '10.0.0.2'))).toBe(0);
    expect(throttle.retryAfterMs(LoginThrottle.key('alice', '10.0.0.1'))).toBeGreaterThan(0);
    now = 15 * 60_000 + 1;
    expect(throttle.retryAfterMs(key)).toBe(0);
  });

  it('forgets failures after a success, and keeps at most maxKeys pairs', () => {
    const throttle = new LoginThrottle({ maxFailures: 2, maxKeys: 2 });
    throttle.fail('a');
    throttle.fail('a');
    expect(throttle.retryAfterMs('a')).toBeGreaterThan(0);
    throttle.succeed('a');
    expect(throttle.retryAfterMs('a')).toBe(0);
    for (const k of ['x', 'y', 'z']) {
      throttle.fail(k);
      throttle.fail(k);
    }
    expect(throttle.retryAfterMs('x')).toBe(0);
    expect(throttle.retryAfterMs('z')).toBeGreaterThan(0);
  });
});

describe('TokenBuckets', () => {
  it('lets a burst through, then refills at the rate, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, perSecond: 2, now: () => now });
    expect([buckets.take('k'), buckets.take('k'), buckets.take('k')]).toEqual([0, 0, 0]);
    expect(buckets.take('k')).toBe(500);
    expect(buckets.take('other')).toBe(0);
    now += 500;
    expect(buckets.take('k')).toBe(0);
    expect(buckets.take('k')).toBeGreaterThan(0);
  });
});
