import { type ConsumerLoop, startConsumer } from '../consumer-loop.js';
import type {
  Bus,
  BusHealth,
  BusMessage,
  BusSettings,
  ConsumeOptions,
  Consumer,
  DeadLetter,
  DeliveryHandler,
  PublishResult,
} from '../ports.js';
import { publishWindowed } from '../publish-window.js';
import { busClosed, busSettings, busUnavailable, checkMessages, toBytes } from '../settings.js';
import { MemoryQueue } from './memory-queue.js';

export interface MemoryBusOptions extends Partial<BusSettings> {
  /**
   * Back-pressure for the embedded preset, where importer and workers share one heap: publish
   * waits while this many messages are queued and unsettled. Default 10,000.
   */
  maxDepth?: number;
}

/** The embedded preset's bus: the same semantics as the NATS adapter, in one process. */
export class MemoryBus implements Bus {
  readonly settings: BusSettings;
  readonly #queue: MemoryQueue;
  readonly #maxDepth: number;
  readonly #consumers = new Set<ConsumerLoop>();
  #closed = false;

  constructor(options: MemoryBusOptions = {}) {
    const { maxDepth = 10_000, ...settings } = options;
    this.settings = busSettings(settings);
    this.#maxDepth = maxDepth;
    this.#queue = new MemoryQueue(this.settings);
  }

  async publish(messages: readonly BusMessage[]): Promise<PublishResult> {
    checkMessages(messages);
    if (this.#closed) throw busClosed();
    return publishWindowed(messages, this.settings.maxPendingPublishes, async (message) => {
      while (!this.#closed && this.#queue.depth >= this.#maxDepth) await this.#queue.changed();
      if (this.#closed) throw busClosed();
      return this.#queue.add(message.id, toBytes(message.payload));
    });
  }

  consume(handler: DeliveryHandler, options: ConsumeOptions = {}): Consumer {
    if (this.#closed) throw busClosed();
    return startConsumer(this.#consumers, this.#queue.feed(), handler, options, this.settings.maxDeliver);
  }

  async depth(): Promise<number> {
    return this.#queue.depth;
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.#queue.dead.slice(0, limit);
  }

  async health(): Promise<BusHealth> {
    return this.#closed ? { ok: false, detail: 'the in-process bus is closed' } : { ok: true };
  }

  /**
   * For tests: resolves once every published message is acked or dead-lettered, so a test can
   * publish, drain and then assert, with no sleeps.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#queue.depth > 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw busUnavailable(`drain timed out with ${this.#queue.depth} messages unsettled`);
      await Promise.race([this.#queue.changed(), new Promise((resolve) => setTimeout(resolve, Math.min(left, 50)))]);
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#consumers].map((loop) => loop.stop('return')));
    this.#consumers.clear();
    this.#queue.close();
  }
}
