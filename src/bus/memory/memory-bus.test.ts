import { describe, expect, it } from 'vitest';
import { runBusContract } from '../contract/bus.contract.js';
import { MemoryBus } from './memory-bus.js';

runBusContract({
  async make(settings) {
    const bus = new MemoryBus(settings);
    // One process, one queue: a second worker is a second consumer on the same bus.
    return { bus, peer: async () => bus, destroy: () => bus.close() };
  },
});

describe('MemoryBus', () => {
  it('drain() resolves once every message is settled', async () => {
    const bus = new MemoryBus();
    await bus.publish([
      { id: 'a', payload: '1' },
      { id: 'b', payload: '2' },
    ]);
    const consumer = bus.consume(async (batch) => {
      for (const d of batch) await (d.id === 'a' ? d.ack() : d.term('bad'));
    });
    await bus.drain();
    expect(await bus.depth()).toBe(0);
    expect((await bus.deadLetters()).map((d) => d.id)).toEqual(['b']);
    await consumer.stop();
    await bus.close();
  });

  it('holds a publisher back while maxDepth messages are unsettled', async () => {
    const bus = new MemoryBus({ maxDepth: 2 });
    let done = false;
    const publishing = bus.publish([1, 2, 3, 4].map((n) => ({ id: `m${n}`, payload: String(n) }))).then((r) => {
      done = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    expect(await bus.depth()).toBe(2);
    const consumer = bus.consume(async (batch) => {
      for (const d of batch) await d.ack();
    });
    expect(await publishing).toEqual({ published: 4, duplicates: 0 });
    await bus.drain();
    await consumer.stop();
    await bus.close();
  });

  it('rejects a message id that cannot travel in a header', async () => {
    const bus = new MemoryBus();
    await expect(bus.publish([{ id: 'a\nb', payload: '' }])).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(bus.publish([{ id: '', payload: '' }])).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await bus.close();
  });

  it('refuses settings that are not positive integers', () => {
    expect(() => new MemoryBus({ maxDeliver: 0 })).toThrow(/maxDeliver/);
  });
});
