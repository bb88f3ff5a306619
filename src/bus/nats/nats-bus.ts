import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { withinTime } from '../../core/index.js';
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
import { busClosed, busSettings, busUnavailable, checkMessages, reasonOf, toBytes } from '../settings.js';
import { readDeadLetters } from './dead-letters.js';
import { confirmReceipt, natsFeed } from './nats-feed.js';
import { type NatsNames, natsNames, natsServers } from './nats-names.js';
import { ensureQueue, type QueueLimits, removeQueue } from './nats-setup.js';

export interface NatsBusOptions extends Partial<BusSettings>, Partial<QueueLimits> {
  /** `nats://host:port`, or several separated by commas. */
  url: string;
  /** Subject prefix owning `<prefix>.items` and `<prefix>.dead`. Default `rasd`. */
  prefix?: string;
  /** Connection name shown by the server (`nats server report connections`). */
  name?: string;
}

/** Waits at most this long for the first connection; the client reconnects on its own after. */
const CONNECT_TIMEOUT_MS = 5_000;
const HEALTH_TIMEOUT_MS = 2_000;

/** The scale-out bus: a JetStream work-queue stream and one durable pull consumer for all workers. */
export class NatsBus implements Bus {
  readonly #consumers = new Set<ConsumerLoop>();
  #closed = false;

  private constructor(
    readonly settings: BusSettings,
    readonly names: NatsNames,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    const { url, prefix = 'rasd', name = 'rasd', maxAckPending = 1_000, maxDeadLetters = 100_000 } = options;
    const settings = busSettings(pickSettings(options));
    const names = natsNames(prefix);
    const nc = await connect({
      servers: natsServers(url),
      name,
      timeout: CONNECT_TIMEOUT_MS,
      // Never give up: a bus that restarts is an outage to wait out, not a reason to exit.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // Otherwise every request (each publish; each ack too, when acks were requests) builds two
      // Error objects up front for their stack traces: 6 % of a worker's time in a profile, for
      // traces we never read — our own errors name the message id and what to do.
      noAsyncTraces: true,
    }).catch((error: unknown) => {
      throw busUnavailable(`cannot connect to ${url} (${reasonOf(error)}); start nats-server with -js there`, error);
    });
    try {
      const jsm = await jetstreamManager(nc);
      await ensureQueue(jsm, names, settings, { maxAckPending, maxDeadLetters });
      return new NatsBus(settings, names, nc, jetstream(nc), jsm);
    } catch (error) {
      await nc.close();
      throw busUnavailable(
        `cannot set up JetStream streams for "${prefix}" (${reasonOf(error)}); is the server started with -js?`,
        error,
      );
    }
  }

  async publish(messages: readonly BusMessage[]): Promise<PublishResult> {
    checkMessages(messages);
    if (this.#closed) throw busClosed();
    return publishWindowed(messages, this.settings.maxPendingPublishes, async (message) => {
      const ack = await this.js.publish(this.names.itemsSubject, toBytes(message.payload), { msgID: message.id });
      return ack.duplicate ? 'duplicate' : 'published';
    });
  }

  consume(handler: DeliveryHandler, options: ConsumeOptions = {}): Consumer {
    if (this.#closed) throw busClosed();
    return startConsumer(
      this.#consumers,
      natsFeed(this.js, this.names, confirmReceipt(this.nc)),
      handler,
      options,
      this.settings.maxDeliver,
    );
  }

  async depth(): Promise<number> {
    const info = await this.#call('read the queue depth', () => this.jsm.streams.info(this.names.itemsStream));
    return info.state.messages;
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.#call('read dead letters', () => readDeadLetters(this.jsm, this.names, limit));
  }

  async health(): Promise<BusHealth> {
    if (this.#closed || this.nc.isClosed()) return { ok: false, detail: 'the NATS connection is closed' };
    try {
      await withinTime(this.jsm.streams.info(this.names.itemsStream), HEALTH_TIMEOUT_MS, () => new Error('timed out'));
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: `JetStream stream ${this.names.itemsStream} unreachable: ${reasonOf(error)}` };
    }
  }

  /** Deletes this prefix's streams and closes: for tests, each of which owns its own prefix. */
  async destroy(): Promise<void> {
    await removeQueue(this.jsm, this.names);
    await this.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#consumers].map((loop) => loop.stop('return')));
    this.#consumers.clear();
    // Drain flushes the naks and acks still buffered before the connection goes.
    await this.nc.drain().catch(() => this.nc.close());
  }

  async #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (this.#closed) throw busClosed();
    try {
      return await run();
    } catch (error) {
      throw busUnavailable(`could not ${what}: ${reasonOf(error)}`, error);
    }
  }
}

function pickSettings(options: Partial<BusSettings>): Partial<BusSettings> {
  const keys = ['ackWaitMs', 'maxDeliver', 'duplicateWindowMs', 'maxPendingPublishes'] as const;
  return Object.fromEntries(keys.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}
