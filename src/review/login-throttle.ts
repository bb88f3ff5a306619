/**
 * Slows password guessing: after `maxFailures` failed logins for one username from one address
 * within `windowMs`, further attempts for that pair are refused until the oldest failure ages
 * out. A success clears the pair. In memory, per process: enough for the embedded server, and
 * bounded so a flood of made-up usernames cannot grow it without limit.
 */

export interface ThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  /** Pairs remembered at most; the least recently failed are forgotten first. */
  maxKeys?: number;
  now?: () => number;
}

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #max: number;
  readonly #window: number;
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.#max = options.maxFailures ?? 5;
    this.#window = options.windowMs ?? 15 * 60_000;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  static key(username: string, ip: string): string {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#window;
    const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept;
  }

  /** Milliseconds until another attempt is allowed; 0 when it is allowed now. */
  retryAfterMs(key: string): number {
    const recent = this.#recent(key);
    if (recent.length < this.#max) return 0;
    const oldest = recent[recent.length - this.#max] as number;
    return Math.max(1, oldest + this.#window - this.#now());
  }

  fail(key: string): void {
    const recent = this.#recent(key);
    this.#failures.delete(key);
    this.#failures.set(key, [...recent, this.#now()]);
    if (this.#failures.size > this.#maxKeys) {
      const first = this.#failures.keys().next().value;
      if (first !== undefined) this.#failures.delete(first);
    }
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
