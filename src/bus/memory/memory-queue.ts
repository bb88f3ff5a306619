import type { DeliveryFeed, RawDelivery } from '../consumer-loop.js';
import type { BusSettings, DeadLetter } from '../ports.js';

interface Entry {
  seq: number;
  id: string;
  payload: Uint8Array;
  deliveries: number;
  /** Which delivery holds it now; a stale delivery's nak is ignored. */
  token: number;
  timer: NodeJS.Timeout | undefined;
}

interface Waiter {
  remaining: number;
  deliver: (raw: RawDelivery) => void;
  done: () => void;
}

/** Old dead letters are dropped past this, so a long-running embedded process stays bounded. */
const MAX_DEAD_LETTERS = 10_000;

/**
 * The in-process work queue: what JetStream does with a work-queue stream and one durable pull
 * consumer, kept in memory. Timers are unref'd so a forgotten queue never holds the process open.
 */
export class MemoryQueue {
  readonly dead: DeadLetter[] = [];
  #entries = new Map<number, Entry>();
  #ready: number[] = [];
  #seen = new Map<string, number>();
  #waiters: Waiter[] = [];
  #changes = new Set<() => void>();
  #seq = 0;
  #token = 0;

  constructor(private readonly settings: BusSettings) {}

  get depth(): number {
    return this.#entries.size;
  }

  /** Adds a message unless its id was seen within the duplicate window. */
  add(id: string, payload: Uint8Array): 'published' | 'duplicate' {
    const now = Date.now();
    const seenAt = this.#seen.get(id);
    if (seenAt !== undefined && now - seenAt < this.settings.duplicateWindowMs) return 'duplicate';
    this.#forgetOldIds(now);
    this.#seen.set(id, now);
    this.#seq += 1;
    this.#entries.set(this.#seq, { seq: this.#seq, id, payload, deliveries: 0, token: 0, timer: undefined });
    this.#ready.push(this.#seq);
    this.#serve();
    return 'published';
  }

  /** Resolves at the next ack, nak, dead letter or publish. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.#changes.add(resolve));
  }

  feed(): DeliveryFeed {
    const mine = new Set<Waiter>();
    return {
      request: (count, deliver) =>
        new Promise<void>((resolve) => {
          const waiter: Waiter = {
            remaining: count,
            deliver,
            done: () => {
              mine.delete(waiter);
              this.#waiters = this.#waiters.filter((w) => w !== waiter);
              resolve();
            },
          };
          mine.add(waiter);
          this.#waiters.push(waiter);
          this.#serve();
        }),
      stop: async () => {
        for (const waiter of [...mine]) waiter.done();
      },
    };
  }

  close(): void {
    for (const entry of this.#entries.values()) clearTimeout(entry.timer);
    for (const waiter of [...this.#waiters]) waiter.done();
    this.#notify();
  }

  #forgetOldIds(now: number): void {
    // Map keeps insertion order, so the oldest ids come first.
    for (const [id, at] of this.#seen) {
      if (now - at < this.settings.duplicateWindowMs) break;
      this.#seen.delete(id);
    }
  }

  #serve(): void {
    while (this.#ready.length > 0 && this.#waiters.length > 0) {
      const entry = this.#entries.get(this.#ready.shift() as number);
      if (!entry) continue;
      // Round robin: the waiter served goes to the back, so consumers share the work.
      const waiter = this.#waiters.shift() as Waiter;
      waiter.remaining -= 1;
      if (waiter.remaining > 0) this.#waiters.push(waiter);
      waiter.deliver(this.#deliver(entry));
      if (waiter.remaining === 0) waiter.done();
    }
  }

  #deliver(entry: Entry): RawDelivery {
    entry.deliveries += 1;
    this.#token += 1;
    const token = this.#token;
    entry.token = token;
    entry.timer = this.#after(this.settings.ackWaitMs, () => this.#requeue(entry, token));
    const current = () => this.#entries.get(entry.seq) === entry && entry.token === token;
    return {
      id: entry.id,
      payload: entry.payload,
      deliveryCount: entry.deliveries,
      ack: async () => {
        if (this.#entries.get(entry.seq) === entry) this.#remove(entry);
      },
      nak: async (delayMs) => {
        if (!current()) return;
        clearTimeout(entry.timer);
        entry.token = 0;
        if (delayMs > 0) entry.timer = this.#after(delayMs, () => this.#requeue(entry, 0));
        else this.#requeue(entry, 0);
      },
      deadLetter: async (reason, deliveryCount) => {
        if (this.#entries.get(entry.seq) !== entry) return;
        this.dead.push({ id: entry.id, payload: entry.payload, reason, deliveryCount, at: new Date().toISOString() });
        if (this.dead.length > MAX_DEAD_LETTERS) this.dead.shift();
        this.#remove(entry);
      },
    };
  }

  #requeue(entry: Entry, token: number): void {
    if (this.#entries.get(entry.seq) !== entry || entry.token !== token) return;
    entry.token = 0;
    entry.timer = undefined;
    this.#ready.push(entry.seq);
    this.#serve();
    this.#notify();
  }

  #remove(entry: Entry): void {
    clearTimeout(entry.timer);
    this.#entries.delete(entry.seq);
    this.#notify();
  }

  #notify(): void {
    const waiting = [...this.#changes];
    this.#changes.clear();
    for (const resolve of waiting) resolve();
  }

  #after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  }
}
