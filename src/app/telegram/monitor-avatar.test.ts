import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram, fakeChannel } from '../../connectors/telegram/mtproto/testing.js';
import { createLoggers } from '../../logger.js';
import { createContext } from '../create-context.js';
import { databaseFor } from '../testing.js';
import { startTelegramMonitor } from './telegram-monitor-runtime.js';

/**
 * Avatars from the live monitor reach the channel network (lineage compares them by PDQ), and
 * survive a restart: the network replays the profiles kept on the watch list.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-monitor-avatar-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const log = createLoggers('silent').ingest;
// The same path gives the same database, so the second context reopens what the first one wrote.
const settings = async () => ({
  db: { url: await databaseFor(join(dir, 'rasd.db')) },
  telegram: { mediaDir: join(dir, 'media') },
});

/** A 160 px picture of 10 px tiles in fixed pseudo-random greys: enough structure for a PDQ of quality. */
async function picture(): Promise<Buffer> {
  const size = 160;
  const pixels = Buffer.alloc(size * size);
  let seed = 7;
  const tiles: number[] = [];
  for (let t = 0; t < 256; t++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    tiles.push(seed % 256);
  }
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) pixels[y * size + x] = tiles[Math.floor(y / 10) * 16 + Math.floor(x / 10)] ?? 0;
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 1 } })
    .png()
    .toBuffer();
}

describe('monitor avatars in the channel network', () => {
  it('puts a watched channel’s avatar PDQ on its node, and a new context over the same database still has it', async () => {
    const ctx = await createContext(await settings());
    const tg = new FakeTelegram();
    tg.add(fakeChannel(1001, 'neutralnews', 'Neutral news', 10));
    tg.avatars.set('1001', await picture());
    await ctx.store.saveWatch({
      ref: '@neutralnews',
      join: false,
      active: true,
      addedAt: '2026-12-01T00:00:00.000Z',
      addedBy: 'cli:test',
      backfill: { state: 'done', fetched: 0 },
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    const runtime = await startTelegramMonitor(ctx, { port: tg, log });
    await runtime.monitor.settled();
    await runtime.stop();
    await ctx.network.ready();
    const [pdq] = ctx.network.graph.avatarsOf('chat:1001');
    expect(pdq).toMatch(/^[0-9a-f]{64}$/);
    expect((await ctx.store.getWatch('@neutralnews'))?.meta?.avatarPdq).toBe(pdq);
    await ctx.close();

    const again = await createContext(await settings());
    try {
      await again.network.ready();
      expect(again.network.graph.avatarsOf('chat:1001')).toEqual([pdq]);
    } finally {
      await again.close();
    }
  });
});
