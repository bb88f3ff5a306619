import type { NatsConnection } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { confirmReceipt } from './nats-feed.js';

/** A connection whose flushes are counted and answered when the test says. */
function countingConnection() {
  const answers: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const nc = {
    flush: () =>
      new Promise<void>((resolve, reject) => {
        answers.push({ resolve, reject });
      }),
  } as unknown as NatsConnection;
  return { nc, answers };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('confirmReceipt', () => {
  it('sends one flush for every ack of a turn, and a new one for acks after it went out', async () => {
    const { nc, answers } = countingConnection();
    const confirm = confirmReceipt(nc);
    const batch = Array.from({ length: 64 }, () => confirm());
    await tick();
    expect(answers).toHaveLength(1);
    const later = confirm();
    await tick();
    expect(answers).toHaveLength(2);
    let confirmed = 0;
    for (const p of batch) void p.then(() => confirmed++);
    answers[0]?.resolve();
    await tick();
    expect(confirmed).toBe(64);
    answers[1]?.reject(new Error('connection closed'));
    await expect(later).rejects.toThrow('connection closed');
  });

  it('fails the acks of a flush the server never answers, after the time allowed', async () => {
    const { nc, answers } = countingConnection();
    const confirm = confirmReceipt(nc, 50);
    const started = Date.now();
    await expect(confirm()).rejects.toThrow(/did not answer a flush within 50 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(answers).toHaveLength(1);
  });
});
