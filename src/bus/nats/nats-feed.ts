import type { ConsumerMessages, JetStreamClient, Consumer as JsConsumer, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { withinTime } from '../../core/index.js';
import type { DeliveryFeed, RawDelivery } from '../consumer-loop.js';
import { busUnavailable } from '../settings.js';
import { publishDeadLetter } from './dead-letters.js';
import type { NatsNames } from './nats-names.js';

/**
 * How long one pull request waits on the server. Short enough that a stop or a lost server is
 * noticed within seconds, long enough that an idle worker costs nothing.
 */
const PULL_EXPIRES_MS = 5_000;

/**
 * How long an ack waits for the server to answer its flush. `ackAck` failed after the
 * JetStream timeout (5 s); a bare flush has none, and on a half-open connection would wait
 * for the heartbeat to call it stale (minutes) while the worker's back-pressure and a SIGTERM
 * stop waited with it.
 */
const CONFIRM_TIMEOUT_MS = 5_000;

/**
 * Resolves once the server has read everything this connection sent before the call: one
 * PING/PONG for all the acks sent in the same turn of the event loop, however many; rejects
 * when the server does not answer within `timeoutMs`.
 */
export function confirmReceipt(nc: NatsConnection, timeoutMs = CONFIRM_TIMEOUT_MS): () => Promise<void> {
  let next: Promise<void> | undefined;
  return () => {
    next ??= Promise.resolve().then(() => {
      next = undefined;
      return withinTime(
        nc.flush(),
        timeoutMs,
        () => new Error(`the NATS server did not answer a flush within ${timeoutMs} ms`),
      );
    });
    return next;
  };
}

/** Pull requests against the durable consumer, each for as many messages as the loop has room. */
export function natsFeed(js: JetStreamClient, names: NatsNames, confirm: () => Promise<void>): DeliveryFeed {
  const open = new Set<ConsumerMessages>();
  let consumer: Promise<JsConsumer> | undefined;
  let stopped = false;
  const getConsumer = (): Promise<JsConsumer> => {
    consumer ??= js.consumers.get(names.itemsStream, names.consumer).catch((error: unknown) => {
      consumer = undefined;
      throw error;
    });
    return consumer;
  };
  return {
    async request(count, deliver) {
      if (stopped) return;
      const messages = await (await getConsumer()).fetch({ max_messages: count, expires: PULL_EXPIRES_MS });
      open.add(messages);
      try {
        for await (const message of messages) {
          deliver(natsDelivery(js, names, message, confirm));
        }
      } finally {
        open.delete(messages);
      }
    },
    async stop() {
      stopped = true;
      await Promise.all(
        [...open].map(async (messages) => {
          messages.stop();
          await messages.closed().catch(() => undefined);
        }),
      );
    },
  };
}

function natsDelivery(
  js: JetStreamClient,
  names: NatsNames,
  message: JsMsg,
  confirm: () => Promise<void>,
): RawDelivery {
  const id = message.headers?.get('Nats-Msg-Id') || `seq:${message.seq}`;
  return {
    id,
    payload: message.data,
    deliveryCount: message.info.deliveryCount,
    async ack() {
      // A plain ack, then one round trip for the batch: the caller learns that the server has
      // read it. Not `ackAck`, a request per message with its own reply, timer and error objects:
      // dropping it cut a worker's CPU per item by 5–38 % in two paired runs (docs/scale-out.md).
      // The server acting on an ack it has read is not confirmed; if it does not (it dies first),
      // the message comes back after the ack wait and the store's unique keys make it harmless.
      message.ack();
      await confirm().catch((error: unknown) => {
        throw busUnavailable(`the ack of ${id} was not confirmed; it will be delivered again`, error);
      });
    },
    async nak(delayMs) {
      message.nak(delayMs > 0 ? delayMs : undefined);
    },
    async deadLetter(reason, deliveryCount) {
      await publishDeadLetter(js, names, { id, message, reason, deliveryCount });
      // Removed only once the dead letter is stored: a crash in between redelivers, and the dead
      // letter's message id makes the second copy a duplicate. An ack, not a term: on a
      // work-queue stream (server 2.9) a termed message stays stored and would count as depth.
      await message.ackAck().catch((error: unknown) => {
        throw busUnavailable(`${id} was dead-lettered but not removed; it will be dead-lettered again`, error);
      });
    },
  };
}
