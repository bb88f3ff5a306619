import { afterEach, describe, expect, it } from 'vitest';
import type { Bus, BusSettings, Delivery, DeliveryHandler } from '../ports.js';

/** One queue for one test: `peer()` opens a second worker on it (a new connection where there is one). */
export interface BusFixture {
  bus: Bus;
  peer(): Promise<Bus>;
  /** Closes every bus opened and removes the queue. */
  destroy(): Promise<void>;
}

export interface BusContractFactory {
  make(settings: Partial<BusSettings>): Promise<BusFixture>;
}

const text = (d: Delivery): string => new TextDecoder().decode(d.payload);
const messages = (ids: string[]) => ids.map((id) => ({ id, payload: `payload of ${id}` }));
const ids = (n: number, tag = 'm'): string[] => Array.from({ length: n }, (_, i) => `telegram/-100/${tag}${i}/0`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A handler that acks everything and records what it saw. */
function acking(seen: Delivery[]): DeliveryHandler {
  return async (batch) => {
    for (const d of batch) {
      seen.push(d);
      await d.ack();
    }
  };
}

/** A handler that holds everything until the consumer is stopped, as a busy or stuck worker does. */
function holding(seen: Delivery[]): DeliveryHandler {
  return (batch, signal) => {
    seen.push(...batch);
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
  };
}

/** The Bus port's behaviour; every adapter runs it (principle 4 of STYLE.md). */
export function runBusContract(factory: BusContractFactory): void {
  describe('Bus contract', () => {
    let fixture: BusFixture | undefined;
    const make = async (settings: Partial<BusSettings> = {}) => {
      fixture = await factory.make({ ackWaitMs: 30_000, ...settings });
      return fixture;
    };
    afterEach(async () => {
      await fixture?.destroy();
      fixture = undefined;
    });

    it('publishes, delivers once and forgets what is acked', async () => {
      const { bus } = await make();
      const bytes = new Uint8Array([0, 255, 7]);
      expect(await bus.publish([...messages(ids(4)), { id: 'bytes/1', payload: bytes }])).toEqual({
        published: 5,
        duplicates: 0,
      });
      expect(await bus.depth()).toBe(5);
      const seen: Delivery[] = [];
      const consumer = bus.consume(acking(seen));
      await waitFor(async () => (await bus.depth()) === 0, 'depth 0');
      await consumer.stop();
      expect(seen.map((d) => d.id).sort()).toEqual([...ids(4), 'bytes/1'].sort());
      expect(seen.every((d) => d.deliveryCount === 1)).toBe(true);
      expect(text(seen.find((d) => d.id === ids(4)[2]) as Delivery)).toBe(`payload of ${ids(4)[2]}`);
      expect([...(seen.find((d) => d.id === 'bytes/1') as Delivery).payload]).toEqual([0, 255, 7]);
    });

    it('drops a duplicate id, within one publish and across publishes', async () => {
      const { bus } = await make();
      const [a, b, c] = ids(3) as [string, string, string];
      expect(await bus.publish(messages([a, b, a]))).toEqual({ published: 2, duplicates: 1 });
      expect(await bus.publish(messages([b, c]))).toEqual({ published: 1, duplicates: 1 });
      const seen: Delivery[] = [];
      const consumer = bus.consume(acking(seen));
      await waitFor(() => seen.length === 3, 'three deliveries');
      // Acked ids stay in the window: an importer re-run does not queue them again.
      expect(await bus.publish(messages([a]))).toEqual({ published: 0, duplicates: 1 });
      await sleep(100);
      await consumer.stop();
      expect(seen.map((d) => d.id).sort()).toEqual([a, b, c]);
    });

    it('redelivers what a dead worker held once the ack wait passes', async () => {
      const { bus, peer } = await make({ ackWaitMs: 700 });
      await bus.publish(messages(ids(2)));
      const held: Delivery[] = [];
      // Two batches may be running: the two messages can arrive apart, and a holding handler
      // never returns, so with one batch at a time the second would wait behind the first.
      const dead = bus.consume(holding(held), { maxConcurrentBatches: 2 });
      await waitFor(() => held.length === 2, 'the first worker to hold both');
      const diedAt = Date.now();
      await dead.stop('abandon');
      const seen: Delivery[] = [];
      const other = await peer();
      const alive = other.consume(acking(seen));
      await waitFor(() => seen.length === 2, 'redelivery to the second worker');
      expect(Date.now() - diedAt).toBeGreaterThanOrEqual(400);
      expect(seen.map((d) => d.deliveryCount)).toEqual([2, 2]);
      await alive.stop();
      expect(await bus.depth()).toBe(0);
    });

    it('redelivers on nak, at once or after the delay asked for', async () => {
      const { bus } = await make();
      await bus.publish(messages(ids(2)));
      const seen: { id: string; count: number; at: number }[] = [];
      const consumer = bus.consume(async (batch) => {
        for (const d of batch) {
          seen.push({ id: d.id, count: d.deliveryCount, at: Date.now() });
          if (d.deliveryCount > 1) await d.ack();
          else await d.nak(d.id === ids(2)[1] ? { delayMs: 500 } : {});
        }
      });
      await waitFor(() => seen.length === 4, 'two deliveries each');
      await consumer.stop();
      const delayed = seen.filter((s) => s.id === ids(2)[1]);
      expect(delayed.map((s) => s.count)).toEqual([1, 2]);
      expect((delayed[1]?.at ?? 0) - (delayed[0]?.at ?? 0)).toBeGreaterThanOrEqual(400);
      expect(await bus.depth()).toBe(0);
    });

    it('naks what a handler returns without settling', async () => {
      const { bus } = await make();
      await bus.publish(messages(ids(1)));
      const counts: number[] = [];
      const consumer = bus.consume(async (batch) => {
        for (const d of batch) {
          counts.push(d.deliveryCount);
          if (d.deliveryCount === 2) await d.ack();
        }
      });
      await waitFor(() => counts.length === 2, 'a second delivery');
      await consumer.stop();
      expect(counts).toEqual([1, 2]);
    });

    it('moves a termed message to the dead letters with its reason', async () => {
      const { bus } = await make();
      const [poison, good] = ids(2) as [string, string];
      await bus.publish(messages([poison, good]));
      const seen: Delivery[] = [];
      const consumer = bus.consume(async (batch) => {
        for (const d of batch) {
          seen.push(d);
          if (d.id === poison) await d.term('RECORD_INVALID: no text\nand a second line');
          else await d.ack();
        }
      });
      await waitFor(async () => (await bus.deadLetters()).length === 1, 'a dead letter');
      await waitFor(async () => (await bus.depth()) === 0, 'depth 0');
      await sleep(200);
      await consumer.stop();
      const [dead] = await bus.deadLetters();
      expect(dead).toMatchObject({ id: poison, deliveryCount: 1 });
      expect(dead?.reason).toMatch(/^RECORD_INVALID: no text\s+and a second line$/);
      expect(new TextDecoder().decode(dead?.payload)).toBe(`payload of ${poison}`);
      expect(Number.isNaN(Date.parse(dead?.at ?? ''))).toBe(false);
      expect(seen.filter((d) => d.id === poison)).toHaveLength(1);
    });

    it('gives up after maxDeliver failures, keeping the last reason', async () => {
      const { bus } = await make({ maxDeliver: 3 });
      await bus.publish(messages(ids(1)));
      const counts: number[] = [];
      const consumer = bus.consume(async (batch) => {
        counts.push(...batch.map((d) => d.deliveryCount));
        throw new Error(`scanner failed on attempt ${batch[0]?.deliveryCount}`);
      });
      await waitFor(async () => (await bus.deadLetters()).length === 1, 'a dead letter');
      await sleep(200);
      await consumer.stop();
      expect(counts).toEqual([1, 2, 3]);
      const [dead] = await bus.deadLetters();
      expect(dead).toMatchObject({ id: ids(1)[0], deliveryCount: 3, reason: 'scanner failed on attempt 3' });
      expect(await bus.depth()).toBe(0);
    });

    it('dead-letters a message whose last allowed delivery died with its worker', async () => {
      const { bus, peer } = await make({ maxDeliver: 1, ackWaitMs: 500 });
      await bus.publish(messages(ids(1)));
      const held: Delivery[] = [];
      const dead = bus.consume(holding(held));
      await waitFor(() => held.length === 1, 'the first delivery');
      await dead.stop('abandon');
      const seen: Delivery[] = [];
      const alive = (await peer()).consume(acking(seen));
      await waitFor(async () => (await bus.deadLetters()).length === 1, 'a dead letter');
      await alive.stop();
      expect(seen).toEqual([]);
      const [letter] = await bus.deadLetters();
      expect(letter).toMatchObject({ id: ids(1)[0], deliveryCount: 1 });
      expect(letter?.reason).toMatch(/worker died or hung/);
    });

    it('never holds more than maxInFlight unsettled messages in one consumer', async () => {
      const { bus } = await make();
      await bus.publish(messages(ids(12)));
      let held = 0;
      let most = 0;
      let done = 0;
      const consumer = bus.consume(
        async (batch) => {
          held += batch.length;
          most = Math.max(most, held, consumer.inFlight);
          await sleep(30);
          for (const d of batch) {
            held -= 1;
            await d.ack();
            done += 1;
          }
        },
        { maxInFlight: 3, batchSize: 2 },
      );
      await waitFor(() => done === 12, 'all twelve');
      await consumer.stop();
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(3);
    });

    it('runs at most maxConcurrentBatches batches; what arrives meanwhile goes out as one batch', async () => {
      const { bus } = await make();
      const sizes: number[] = [];
      let running = 0;
      let most = 0;
      let done = 0;
      let release: (() => void) | undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const consumer = bus.consume(
        async (batch) => {
          sizes.push(batch.length);
          running += 1;
          most = Math.max(most, running);
          if (sizes.length === 1) await gate;
          running -= 1;
          for (const d of batch) await d.ack();
          done += batch.length;
        },
        { maxInFlight: 16, batchSize: 8, maxConcurrentBatches: 1 },
      );
      await bus.publish(messages(ids(1, 'first')));
      await waitFor(() => sizes.length === 1, 'the first batch');
      await bus.publish(messages(ids(5, 'later')));
      await waitFor(() => consumer.inFlight === 6, 'the later five to arrive while the first runs');
      release?.();
      await waitFor(() => done === 6, 'all six');
      await consumer.stop();
      expect(most).toBe(1);
      expect(sizes).toEqual([1, 5]);
    });

    it('runs batches side by side up to maxConcurrentBatches', async () => {
      const { bus } = await make();
      await bus.publish(messages(ids(6)));
      let running = 0;
      let most = 0;
      let done = 0;
      const consumer = bus.consume(
        async (batch) => {
          running += 1;
          most = Math.max(most, running);
          await sleep(50);
          running -= 1;
          for (const d of batch) await d.ack();
          done += batch.length;
        },
        { maxInFlight: 6, batchSize: 1, maxConcurrentBatches: 3 },
      );
      await waitFor(() => done === 6, 'all six');
      await consumer.stop();
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(3);
    });

    it('shares the work between consumers, each message to one of them', async () => {
      const { bus, peer } = await make();
      const all = ids(40);
      await bus.publish(messages(all));
      const a: Delivery[] = [];
      const b: Delivery[] = [];
      const slow =
        (seen: Delivery[]): DeliveryHandler =>
        async (batch) => {
          await sleep(5);
          await acking(seen)(batch, new AbortController().signal);
        };
      const first = bus.consume(slow(a), { maxInFlight: 4, batchSize: 2 });
      const second = (await peer()).consume(slow(b), { maxInFlight: 4, batchSize: 2 });
      await waitFor(() => a.length + b.length >= 40, 'all forty');
      await sleep(100);
      await Promise.all([first.stop(), second.stop()]);
      const aIds = new Set(a.map((d) => d.id));
      expect(a.length + b.length).toBe(40);
      expect(b.filter((d) => aIds.has(d.id))).toEqual([]);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
    });

    it('stop("return") hands held messages to another worker at once', async () => {
      const { bus, peer } = await make();
      await bus.publish(messages(ids(4)));
      const held: Delivery[] = [];
      const stopping = bus.consume(holding(held), { maxInFlight: 4 });
      await waitFor(() => stopping.inFlight === 4, 'four held');
      await stopping.stop('return');
      expect(stopping.inFlight).toBe(0);
      await Promise.all(held.map((d) => d.ack())); // too late: ignored, the messages went back
      const seen: Delivery[] = [];
      const started = Date.now();
      const other = (await peer()).consume(acking(seen));
      await waitFor(() => seen.length === 4, 'the four returned messages', 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      await other.stop();
    });

    it('stop("finish") lets running handlers settle what they hold', async () => {
      const { bus } = await make();
      await bus.publish(messages(ids(2)));
      const seen: Delivery[] = [];
      let started = false;
      const consumer = bus.consume(async (batch) => {
        started = true;
        await sleep(200);
        await acking(seen)(batch, new AbortController().signal);
      });
      await waitFor(() => started, 'a running handler');
      await consumer.stop('finish');
      expect(seen.length).toBeGreaterThan(0);
      await waitFor(async () => (await bus.depth()) === 2 - seen.length, 'acks recorded');
    });

    it('counts depth until messages are acked or dead-lettered', async () => {
      const { bus } = await make();
      expect(await bus.depth()).toBe(0);
      await bus.publish(messages(ids(3)));
      expect(await bus.depth()).toBe(3);
      const consumer = bus.consume(async (batch) => {
        for (const d of batch) await (d.id === ids(3)[0] ? d.term('poison') : d.ack());
      });
      await waitFor(async () => (await bus.depth()) === 0, 'depth 0');
      await consumer.stop();
      expect(await bus.deadLetters()).toHaveLength(1);
    });

    it('reports health, and refuses work once closed', async () => {
      const { bus } = await make();
      expect(await bus.health()).toEqual({ ok: true });
      await bus.close();
      expect((await bus.health()).ok).toBe(false);
      await expect(bus.publish(messages(ids(1)))).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE', retryable: true });
    });
  });
}
