import type { ConsumerMessages, JetStreamClient, Consumer as JsConsumer, JsMsg } from '@nats-io/jetstream';
import type { DeliveryFeed, RawDelivery } from '../consumer-loop.js';
import { busUnavailable } from '../settings.js';
import { publishDeadLetter } from './dead-letters.js';
import type { NatsNames } from './nats-names.js';

/**
 * How long one pull request waits on the server. Short enough that a stop or a lost server is
 * noticed within seconds, long enough that an idle worker costs nothing.
 */
const PULL_EXPIRES_MS = 5_000;

/** Pull requests against the durable consumer, each for as many messages as the loop has room. */
export function natsFeed(js: JetStreamClient, names: NatsNames): DeliveryFeed {
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
          deliver(natsDelivery(js, names, message));
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

function natsDelivery(js: JetStreamClient, names: NatsNames, message: JsMsg): RawDelivery {
  const id = message.headers?.get('Nats-Msg-Id') || `seq:${message.seq}`;
  return {
    id,
    payload: message.data,
    deliveryCount: message.info.deliveryCount,
    async ack() {
      // Acknowledged ack: the caller learns whether the server recorded it; if not, the message
      // comes back after the ack wait and storage upserts make the second pass harmless.
      await message.ackAck().catch((error: unknown) => {
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
