import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runBusContract } from '../contract/bus.contract.js';
import type { BusSettings } from '../ports.js';
import { NatsBus } from './nats-bus.js';

/** The shared server on these machines; every test owns its own prefix (streams) and deletes it. */
const URL = 'nats://127.0.0.1:4222';
const uniquePrefix = () => `rasdtest.${randomBytes(5).toString('hex')}`;

runBusContract({
  async make(settings: Partial<BusSettings>) {
    const prefix = uniquePrefix();
    const bus = await NatsBus.connect({ url: URL, prefix, ...settings });
    const peers: NatsBus[] = [];
    return {
      bus,
      async peer() {
        const peer = await NatsBus.connect({ url: URL, prefix, ...settings });
        peers.push(peer);
        return peer;
      },
      async destroy() {
        await Promise.all(peers.map((p) => p.close()));
        const cleaner = await NatsBus.connect({ url: URL, prefix, ...settings });
        await bus.close();
        await cleaner.destroy();
      },
    };
  },
});

describe('NatsBus', () => {
  it('names its streams and subjects after the prefix', async () => {
    const prefix = uniquePrefix();
    const bus = await NatsBus.connect({ url: URL, prefix });
    try {
      expect(bus.names.itemsSubject).toBe(`${prefix}.items`);
      expect(bus.names.deadSubject).toBe(`${prefix}.dead`);
      expect(bus.names.itemsStream).toBe(`${prefix.replace('.', '_').toUpperCase()}_ITEMS`);
    } finally {
      await bus.destroy();
    }
  });

  it('fails with BUS_UNAVAILABLE and a hint when no server answers', async () => {
    await expect(NatsBus.connect({ url: 'nats://127.0.0.1:1', prefix: uniquePrefix() })).rejects.toMatchObject({
      code: 'BUS_UNAVAILABLE',
      message: expect.stringMatching(/nats-server with -js/),
    });
  });

  it('refuses a URL that is not nats://', async () => {
    await expect(NatsBus.connect({ url: 'http://127.0.0.1:4222' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
