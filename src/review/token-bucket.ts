/**
 * A token bucket per credential: each request takes a token, tokens come back at `perSecond`
 * up to `capacity`. Bursts up to the capacity pass; a steady flood is held to the refill rate.
 */

export interface BucketOptions {
  capacity: number;
  perSecond: number;
  /** Credentials remembered at most; the least recently seen are forgotten first (full again). */
  maxKeys?: number;
  now?: () => number;
}

export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #options: Required<Omit<BucketOptions, 'now'>>;
  readonly #now: () => number;

  constructor(options: BucketOptions) {
    this.#options = { maxKeys: 10_000, ...options };
    this.#now = options.now ?? Date.now;
  }

  /** Takes a token; returns 0 when granted, else the milliseconds until one is available. */
  take(key: string): number {
    const { capacity, perSecond, maxKeys } = this.#options;
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > maxKeys) {
      const first = this.#buckets.keys().next().value;
      if (first !== undefined) this.#buckets.delete(first);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
  }
}
