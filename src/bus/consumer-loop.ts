import type { ConsumeOptions, Consumer, Delivery, DeliveryHandler, NakOptions, StopMode } from './ports.js';
import { type ConsumerLimits, consumerLimits, reasonOf } from './settings.js';

/** A delivery as an adapter sees it: the operations its queue offers, with no bookkeeping. */
export interface RawDelivery {
  id: string;
  payload: Uint8Array;
  deliveryCount: number;
  ack(): Promise<void>;
  nak(delayMs: number): Promise<void>;
  /** Records the dead letter, then removes the message from the queue. */
  deadLetter(reason: string, deliveryCount: number): Promise<void>;
}

/** Where an adapter's deliveries come from: pull requests of a bounded size. */
export interface DeliveryFeed {
  /** Asks for up to `count` deliveries, passing each to `deliver`; resolves when the request ends. */
  request(count: number, deliver: (raw: RawDelivery) => void): Promise<void>;
  /** Ends every open request: nothing is delivered after it resolves. */
  stop(): Promise<void>;
}

export interface ConsumerLoopOptions {
  feed: DeliveryFeed;
  handler: DeliveryHandler;
  limits: ConsumerLimits;
  maxDeliver: number;
  onError: (error: Error) => void;
}

const MAX_BACKOFF_MS = 2_000;

const toError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));

/** One settle-once delivery; the loop counts it as held until the first settle call. */
class HeldDelivery implements Delivery {
  #settled = false;
  constructor(
    readonly raw: RawDelivery,
    private readonly loop: ConsumerLoop,
  ) {}
  get id(): string {
    return this.raw.id;
  }
  get payload(): Uint8Array {
    return this.raw.payload;
  }
  get deliveryCount(): number {
    return this.raw.deliveryCount;
  }
  get settled(): boolean {
    return this.#settled;
  }
  /** Marks it settled without telling the queue: the ack wait will bring it back. */
  drop(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.loop.release(this);
    return true;
  }
  async ack(): Promise<void> {
    if (this.drop()) await this.raw.ack();
  }
  async nak(options: NakOptions = {}): Promise<void> {
    if (!this.drop()) return;
    const count = this.raw.deliveryCount;
    if (count < this.loop.maxDeliver) return this.raw.nak(options.delayMs ?? 0);
    await this.raw.deadLetter(options.reason ?? `not done after ${count} deliveries`, count);
  }
  async term(reason: string): Promise<void> {
    if (this.drop()) await this.raw.deadLetter(reason, this.raw.deliveryCount);
  }
}

/**
 * The consume loop both adapters share: keeps held + requested ≤ maxInFlight, hands out batches
 * as deliveries arrive, naks what a handler leaves, and stops in one of three ways.
 */
export class ConsumerLoop implements Consumer {
  readonly maxDeliver: number;
  #held = new Set<HeldDelivery>();
  #ready: HeldDelivery[] = [];
  #running = new Set<Promise<void>>();
  #requested = 0;
  #backoffMs = 0;
  #stopping: StopMode | undefined;
  #stopped: Promise<void> | undefined;
  #abort = new AbortController();
  #wake: (() => void) | undefined;
  #dispatchScheduled = false;
  #pump: Promise<void>;

  constructor(private readonly options: ConsumerLoopOptions) {
    this.maxDeliver = options.maxDeliver;
    this.#pump = this.#run();
  }

  get inFlight(): number {
    return this.#held.size;
  }

  release(delivery: HeldDelivery): void {
    this.#held.delete(delivery);
    this.#signal();
  }

  stop(mode: StopMode = 'finish'): Promise<void> {
    this.#stopping ??= mode;
    this.#stopped ??= this.#halt(mode);
    return this.#stopped;
  }

  async #halt(mode: StopMode): Promise<void> {
    this.#signal();
    await this.#pump;
    await this.options.feed.stop();
    const ready = this.#ready.splice(0);
    if (mode === 'abandon') {
      this.#abort.abort();
      for (const delivery of [...this.#held]) delivery.drop();
      return;
    }
    if (mode === 'return') {
      this.#abort.abort();
      await Promise.all([...this.#held].map((d) => this.#giveBack(d)));
      return;
    }
    await Promise.all(ready.map((d) => this.#giveBack(d)));
    await Promise.all(this.#running);
  }

  async #giveBack(delivery: HeldDelivery): Promise<void> {
    // A stop is not the message's fault: it goes straight back, never to the dead letters.
    if (!delivery.drop()) return;
    await delivery.raw.nak(0).catch((error: unknown) => this.options.onError(toError(error)));
  }

  async #run(): Promise<void> {
    const { maxInFlight, batchSize } = this.options.limits;
    while (!this.#stopping) {
      if (this.#backoffMs > 0) await this.#sleep(this.#backoffMs);
      const free = maxInFlight - this.#held.size - this.#requested;
      if (this.#stopping) break;
      if (free <= 0) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        continue;
      }
      this.#request(Math.min(free, batchSize));
    }
  }

  #request(count: number): void {
    let arrived = 0;
    this.#requested += count;
    this.options.feed
      .request(count, (raw) => {
        arrived += 1;
        this.#requested -= 1;
        this.#arrive(raw);
      })
      .then(
        () => {
          this.#backoffMs = 0;
        },
        (error: unknown) => {
          if (this.#stopping) return;
          this.#backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(100, this.#backoffMs * 2));
          this.options.onError(toError(error));
        },
      )
      .finally(() => {
        this.#requested -= count - arrived;
        this.#signal();
      });
  }

  #arrive(raw: RawDelivery): void {
    const delivery = new HeldDelivery(raw, this);
    this.#held.add(delivery);
    if (this.#stopping) {
      if (this.#stopping === 'abandon') delivery.drop();
      else void this.#giveBack(delivery);
      return;
    }
    if (raw.deliveryCount > this.maxDeliver) {
      // Its last allowed delivery was never settled: the worker holding it died or hung.
      const reason = `not settled within the ack wait on its last ${this.maxDeliver} deliveries (worker died or hung)`;
      delivery.drop();
      raw.deadLetter(reason, this.maxDeliver).catch((error: unknown) => this.options.onError(toError(error)));
      return;
    }
    this.#ready.push(delivery);
    this.#scheduleDispatch();
  }

  #scheduleDispatch(): void {
    if (this.#dispatchScheduled) return;
    this.#dispatchScheduled = true;
    // Deliveries that arrive together (one pull answered at once) are handed out as one batch.
    setImmediate(() => {
      this.#dispatchScheduled = false;
      this.#dispatch();
    });
  }

  #dispatch(): void {
    const { batchSize, maxConcurrentBatches } = this.options.limits;
    if (this.#stopping) return;
    while (this.#ready.length > 0 && this.#running.size < maxConcurrentBatches) {
      this.#handle(this.#ready.splice(0, batchSize));
    }
  }

  #handle(batch: HeldDelivery[]): void {
    const run = (async () => {
      let reason = 'the handler returned without settling it';
      try {
        await this.options.handler(batch, this.#abort.signal);
      } catch (error) {
        reason = reasonOf(error);
      }
      const left = batch.filter((d) => !d.settled);
      await Promise.all(left.map((d) => d.nak({ reason }).catch((e: unknown) => this.options.onError(toError(e)))));
    })();
    this.#running.add(run);
    void run.finally(() => {
      this.#running.delete(run);
      // What arrived while it ran goes out now, as one larger batch.
      this.#dispatch();
    });
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * A consumer over `feed`, tracked in `consumers` until it stops: what both adapters' `consume`
 * does once they know where deliveries come from.
 */
export function startConsumer(
  consumers: Set<ConsumerLoop>,
  feed: DeliveryFeed,
  handler: DeliveryHandler,
  options: ConsumeOptions,
  maxDeliver: number,
): Consumer {
  const loop = new ConsumerLoop({
    feed,
    handler,
    limits: consumerLimits(options),
    maxDeliver,
    onError: options.onError ?? (() => {}),
  });
  consumers.add(loop);
  return {
    get inFlight() {
      return loop.inFlight;
    },
    stop: async (mode) => {
      await loop.stop(mode);
      consumers.delete(loop);
    },
  };
}
