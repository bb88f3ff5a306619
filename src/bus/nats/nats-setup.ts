import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { BusSettings } from '../ports.js';
import type { NatsNames } from './nats-names.js';

export interface QueueLimits {
  /** Unacked deliveries across every worker of the queue (JetStream `max_ack_pending`). */
  maxAckPending: number;
  /** Dead letters kept; the oldest go first. */
  maxDeadLetters: number;
}

const isMissing = (error: unknown, code: number): boolean => error instanceof JetStreamApiError && error.code === code;

/**
 * Creates (or brings up to date) the items stream, the dead-letter stream and the durable pull
 * consumer. Safe to run from every worker at start: add and update are idempotent.
 */
export async function ensureQueue(
  jsm: JetStreamManager,
  names: NatsNames,
  settings: BusSettings,
  limits: QueueLimits,
): Promise<void> {
  const window = nanos(settings.duplicateWindowMs);
  await ensureStream(jsm, names.itemsStream, {
    subjects: [names.itemsSubject],
    // Work queue: a message is removed once acked, and each one goes to one consumer.
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: window,
  });
  await ensureStream(jsm, names.deadStream, {
    subjects: [names.deadSubject],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_msgs: limits.maxDeadLetters,
    discard: DiscardPolicy.Old,
    duplicate_window: window,
  });
  const consumer = {
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(settings.ackWaitMs),
    // One more than allowed: the extra delivery lets a worker dead-letter a message whose last
    // allowed delivery died with its worker, instead of leaving it stuck in the stream.
    max_deliver: settings.maxDeliver + 1,
    max_ack_pending: limits.maxAckPending,
  };
  try {
    await jsm.consumers.info(names.itemsStream, names.consumer);
    await jsm.consumers.update(names.itemsStream, names.consumer, consumer);
  } catch (error) {
    if (!isMissing(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(names.itemsStream, {
      ...consumer,
      durable_name: names.consumer,
      deliver_policy: DeliverPolicy.All,
    });
  }
}

async function ensureStream(jsm: JetStreamManager, name: string, config: Partial<StreamConfig>): Promise<void> {
  try {
    await jsm.streams.info(name);
    // Retention and storage are fixed at creation; the rest is brought up to date.
    const { retention: _retention, storage: _storage, ...changeable } = config;
    await jsm.streams.update(name, changeable);
  } catch (error) {
    if (!isMissing(error, JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add({ ...config, name });
  }
}

/** Deletes the streams (and with them the consumer): for tests and `rasd` admin commands. */
export async function removeQueue(jsm: JetStreamManager, names: NatsNames): Promise<void> {
  for (const stream of [names.itemsStream, names.deadStream]) {
    await jsm.streams.delete(stream).catch((error: unknown) => {
      if (!isMissing(error, JetStreamApiCodes.StreamNotFound)) throw error;
    });
  }
}
