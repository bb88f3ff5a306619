import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import type { DeadLetter } from '../ports.js';
import type { NatsNames } from './nats-names.js';

/** Headers of a dead letter on `<prefix>.dead`. */
export const DEAD_LETTER_HEADERS = {
  reason: 'Rasd-Reason',
  originalId: 'Rasd-Original-Id',
  deliveryCount: 'Rasd-Delivery-Count',
  deadAt: 'Rasd-Dead-At',
} as const;

const MAX_REASON = 1_000;

/** Header values end at a line break, and a stack trace has many. */
const headerSafe = (text: string): string => text.replaceAll(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, MAX_REASON);

export async function publishDeadLetter(
  js: JetStreamClient,
  names: NatsNames,
  dead: { id: string; message: JsMsg; reason: string; deliveryCount: number },
): Promise<void> {
  const h = headers();
  h.set(DEAD_LETTER_HEADERS.reason, headerSafe(dead.reason) || 'no reason given');
  h.set(DEAD_LETTER_HEADERS.originalId, headerSafe(dead.id));
  h.set(DEAD_LETTER_HEADERS.deliveryCount, String(dead.deliveryCount));
  h.set(DEAD_LETTER_HEADERS.deadAt, new Date().toISOString());
  await js.publish(names.deadSubject, dead.message.data, {
    headers: h,
    // The stream sequence is unique per message, so dead-lettering it twice stores it once.
    msgID: `${names.itemsStream}:${dead.message.seq}`,
  });
}

/** Oldest first, read by sequence from the dead-letter stream. */
export async function readDeadLetters(jsm: JetStreamManager, names: NatsNames, limit: number): Promise<DeadLetter[]> {
  const info = await jsm.streams.info(names.deadStream);
  const found: DeadLetter[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && found.length < limit; seq += 1) {
    const stored = await jsm.streams.getMessage(names.deadStream, { seq }).catch(() => null);
    if (!stored) continue;
    const get = (name: string): string => stored.header.get(name) ?? '';
    found.push({
      id: get(DEAD_LETTER_HEADERS.originalId),
      payload: stored.data,
      reason: get(DEAD_LETTER_HEADERS.reason),
      deliveryCount: Number(get(DEAD_LETTER_HEADERS.deliveryCount)) || 0,
      at: get(DEAD_LETTER_HEADERS.deadAt) || stored.time.toISOString(),
    });
  }
  return found;
}
