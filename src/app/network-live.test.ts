import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { newId } from '../core/index.js';
import { createLoggers } from '../logger.js';
import { scanSources } from '../scan/index.js';
import { afterScanBatch } from './after-scan-batch.js';
import { createEmbeddedContext } from './presets/embedded.js';
import { openStore } from './presets/scaled.js';
import { databaseFor } from './testing.js';

/**
 * `network.live`: on, a scan feeds the channel network and the lineage provider runs; off, the
 * scan leaves the network alone and it is built from the stored items when first asked for.
 * Structure-only items: two chats, one forwarding the other, harmless text.
 */
const items = [1, 2, 3].flatMap((n) => [
  {
    chat: { id: '-1001', username: 'city_news', type: 'channel' },
    messageId: String(n),
    postedAt: `2026-03-0${n}T10:00:00Z`,
    text: 'the market opens at nine',
  },
  {
    chat: { id: '-1002', username: 'town_digest', type: 'channel' },
    messageId: String(n),
    postedAt: `2026-03-0${n}T11:00:00Z`,
    text: 'rain is expected in the afternoon',
    forward: { fromId: '-1001', fromName: 'city news', messageId: String(n) },
  },
]);

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function scanWith(live: boolean) {
  dir = await mkdtemp(join(tmpdir(), 'rasd-network-live-'));
  const file = join(dir, 'items.jsonl');
  await writeFile(file, `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
  const config = loadConfig({}, { db: { url: await databaseFor(join(dir, 'rasd.db')) }, network: { live } });
  // The embedded preset opens only SQLite itself; a PostgreSQL store is handed in, as createContext does.
  const store = await openStore(config);
  const ctx = await createEmbeddedContext(config, {}, { ...(store && { store }), log: createLoggers('silent') });
  await scanSources({
    sources: [ctx.source(file)],
    scanner: ctx.scanner,
    store: ctx.store,
    runId: newId('run'),
    batchSize: 100,
    afterSave: afterScanBatch(ctx),
  });
  return ctx;
}

describe('network.live', () => {
  it('on: the lineage provider runs and each saved batch reaches the network', async () => {
    await using ctx = await scanWith(true);
    expect(ctx.providers.has('lineage')).toBe(true);
    await ctx.network.ready();
    expect(ctx.network.graph.node('chat:-1002')?.posts).toBe(3);
  });

  it('off: no lineage provider, nothing observed by the scan, the stored network loads on demand', async () => {
    await using ctx = await scanWith(false);
    expect(ctx.providers.has('lineage')).toBe(false);
    expect(ctx.network.graph.size().nodes).toBe(0);
    await ctx.network.ready();
    expect(ctx.network.graph.node('chat:-1002')?.posts).toBe(3);
    const forward = ctx.network.graph.edgesOf('chat:-1002', ['forward']);
    expect(forward).toEqual([expect.objectContaining({ from: 'chat:-1002', to: 'chat:-1001', count: 3 })]);
  });
});
