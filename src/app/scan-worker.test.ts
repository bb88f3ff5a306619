import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bus, Consumer, Delivery } from '../bus/ports.js';
import type { AppContext } from './context.js';
import { createContext } from './create-context.js';
import { startScanWorker } from './scan-worker.js';
import { databaseFor } from './testing.js';
import { encodeWorkItem } from './work-item.js';

/**
 * The worker acknowledges a committed batch without waiting for the server's confirmation
 * before it scans the next one. These tests hold the confirmations back (the acks themselves
 * reach the in-process bus at once, as they leave a NATS client at once) and watch what the
 * worker does meanwhile: it goes on, but no further than its bound; a stop waits for them; an
 * ack that is never confirmed is counted as an error.
 */

let dir: string;
let ctx: AppContext;
let worker: Consumer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-scan-worker-'));
  ctx = await createContext({
    db: { url: await databaseFor(join(dir, 'rasd.db')) },
    bus: { url: 'memory' },
    log: { level: 'silent' },
  });
});

afterEach(async () => {
  await worker?.stop('abandon');
  worker = undefined;
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

/** A gate on the confirmation of every ack: `open` confirms them all, `fail` refuses them all. */
function confirmationGate() {
  let settle: (outcome: 'open' | Error) => void = () => {};
  const outcome = new Promise<'open' | Error>((resolve) => {
    settle = resolve;
  });
  let waiting = 0;
  const confirm = async (sent: Promise<void>): Promise<void> => {
    waiting += 1;
    const result = await outcome;
    waiting -= 1;
    await sent;
    if (result instanceof Error) throw result;
  };
  return {
    confirm,
    get waiting() {
      return waiting;
    },
    open: () => settle('open'),
    fail: (error: Error) => settle(error),
  };
}

/** The context's bus with every delivery's ack confirmed only when the gate says so. */
function gatedBus(inner: Bus, gate: ReturnType<typeof confirmationGate>): Bus {
  const gated = (d: Delivery): Delivery => ({
    id: d.id,
    payload: d.payload,
    deliveryCount: d.deliveryCount,
    ack: () => gate.confirm(d.ack()),
    nak: (options) => d.nak(options),
    term: (reason) => d.term(reason),
  });
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property !== 'consume') return Reflect.get(target, property, receiver);
      const consume: Bus['consume'] = (handler, options) =>
        target.consume((batch, signal) => handler(batch.map(gated), signal), options);
      return consume;
    },
  });
}

async function publish(from: number, to: number): Promise<void> {
  const messages = [];
  for (let i = from; i < to; i++) {
    const item = {
      chat: { id: '-1900', title: 'Worker test', type: 'channel' as const },
      messageId: String(i),
      postedAt: '2026-12-01T10:00:00Z',
      text: `ordinary message ${i} about the weather`,
    };
    messages.push({ id: `telegram/-1900/${i}/0`, payload: encodeWorkItem({ item, publishedAt: Date.now() }) });
  }
  await ctx.bus.publish(messages);
}

async function scanned(): Promise<number> {
  return (await ctx.metrics.itemsScanned.get()).values.reduce((sum, v) => sum + v.value, 0);
}

async function errorsCounted(code: string): Promise<number> {
  return (await ctx.metrics.errors.get()).values.find((v) => v.labels.code === code)?.value ?? 0;
}

/** vi.waitFor on a condition; `what` names it if it never holds. */
const until = (check: () => Promise<boolean>, what: string) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`still waiting until ${what}`);
    },
    { timeout: 10_000, interval: 10 },
  );

const settle = () => new Promise((r) => setTimeout(r, 200));

describe('scan worker acknowledgements', () => {
  it('scans the next batches while earlier acks await confirmation, up to four batches behind', async () => {
    const gate = confirmationGate();
    worker = startScanWorker(ctx, gatedBus(ctx.bus, gate), { batchSize: 8, maxInFlight: 8 });
    await publish(0, 56);
    // One batch in flight at a time (maxInFlight 8): each next batch needs the last one settled.
    await until(async () => (await scanned()) >= 40, 'five batches are scanned');
    await settle();
    expect(await scanned()).toBe(40);
    expect(gate.waiting).toBe(40);
    gate.open();
    await until(async () => (await scanned()) === 56, 'all 56 are scanned');
    await until(async () => (await ctx.bus.depth()) === 0, 'the queue is empty');
  });

  it('resolves a finishing stop only once the acks it sent are confirmed', async () => {
    const gate = confirmationGate();
    worker = startScanWorker(ctx, gatedBus(ctx.bus, gate), { batchSize: 8 });
    await publish(0, 16);
    await until(async () => (await scanned()) === 16, 'both batches are scanned');
    let stopped = false;
    const stopping = worker.stop('finish').then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    gate.open();
    await stopping;
    expect(gate.waiting).toBe(0);
    expect(await ctx.bus.depth()).toBe(0);
  });

  it('counts an ack the server does not confirm as an error and reports it, without rescanning', async () => {
    const gate = confirmationGate();
    const reported: Error[] = [];
    worker = startScanWorker(ctx, gatedBus(ctx.bus, gate), {
      batchSize: 8,
      onError: (error) => reported.push(error),
    });
    await publish(0, 8);
    await until(async () => (await scanned()) === 8, 'the batch is scanned');
    const before = await errorsCounted('BUS');
    gate.fail(new Error('no confirmation from the server'));
    await until(async () => reported.length === 8, 'each failed ack is reported');
    expect(reported.every((e) => e.message === 'no confirmation from the server')).toBe(true);
    expect(await errorsCounted('BUS')).toBe(before + 8);
    expect(await scanned()).toBe(8);
  });

  it('goes on scanning when its onError throws on an unconfirmed ack', async () => {
    const gate = confirmationGate();
    worker = startScanWorker(ctx, gatedBus(ctx.bus, gate), {
      batchSize: 8,
      onError: () => {
        throw new Error('a broken error handler');
      },
    });
    await publish(0, 8);
    await until(async () => (await scanned()) === 8, 'the first batch is scanned');
    gate.fail(new Error('no confirmation from the server'));
    await until(async () => (await errorsCounted('BUS')) === 8, 'the failures are counted');
    await publish(8, 16);
    await until(async () => (await scanned()) === 16, 'the next batch is scanned');
  });

  it('resolves an abandoning stop without waiting for confirmations, as a crash would', async () => {
    const gate = confirmationGate();
    worker = startScanWorker(ctx, gatedBus(ctx.bus, gate), { batchSize: 8 });
    await publish(0, 8);
    await until(async () => (await scanned()) === 8, 'the batch is scanned');
    await worker.stop('abandon');
    expect(gate.waiting).toBe(8);
    gate.open();
  });
});
