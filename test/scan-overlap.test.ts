import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type AppContext, createEmbeddedContext } from '../src/app/index.js';
import { cliDatabase, onPostgres, openTestStore } from '../src/cli/testing/cli-database.js';
import { loadConfig } from '../src/config/index.js';
import { AppError, itemKey, itemSchema, newId, type SourceRecord } from '../src/core/index.js';
import { createLoggers } from '../src/logger.js';
import {
  type Scanner,
  type ScanSource,
  type SignalProvider,
  scanSources,
  testMarkerProvider,
} from '../src/scan/index.js';
import type { ScanBatch, ScanRunStore, ScanStore, Store } from '../src/storage/ports.js';
import { SqliteStore } from '../src/storage/sqlite/index.js';
import { builtWorkerUrl } from '../src/storage/sqlite/testing.js';

/*
 * scanSources keeps one batch being written while it reads and scans the next. A version in
 * the batch being written is not visible to `findAssessed` yet, so it must be taken as known
 * from memory: repeated across consecutive batches, it is counted unchanged and scanned once.
 */

const dir = mkdtempSync(join(tmpdir(), 'rasd-overlap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let opened = 0;
const contexts: AppContext[] = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.close();
});

const item = (messageId: string, text: string) =>
  itemSchema.parse({ chat: { id: '-1001', title: 'Demo' }, messageId, postedAt: '2024-11-02T10:00:00Z', text });

const records = (...ids: string[]): SourceRecord[] =>
  ids.map((id, n) => ({
    type: 'item',
    item: item(id, id === '2' ? 'test RASD-TEST-MARKER:recruitment:0.6' : `message ${id}`),
    record: `s#${n}`,
  }));

const source = (name: string, list: SourceRecord[]): ScanSource => ({
  name,
  async *open() {
    yield* list;
  },
});

/** A scanner (the embedded preset's, with a counting provider) and what it scanned, per item version. */
async function countingScanner(): Promise<{ scanner: Scanner; scanned: Map<string, number> }> {
  const scanned = new Map<string, number>();
  const count: SignalProvider = {
    id: 'count',
    kinds: ['lexicon'],
    version: '1',
    provide: (input) => {
      const key = itemKey(input.item);
      scanned.set(key, (scanned.get(key) ?? 0) + 1);
      return [];
    },
  };
  // The context only lends its scanner: its own store is never written, the test's stores are `open()`'s.
  const config = loadConfig({}, { db: { url: ':memory:' } });
  const ctx = await createEmbeddedContext(
    config,
    {},
    { log: createLoggers('silent'), providers: [testMarkerProvider, count] },
  );
  contexts.push(ctx);
  return { scanner: ctx.scanner, scanned };
}

/** Holds every write back a little, so the next batch is always scanned while one is being written. */
function slowWrites(store: Store, failOn?: number): ScanStore & ScanRunStore & { saves: ScanBatch[] } {
  const saves: ScanBatch[] = [];
  return {
    saves,
    async saveBatch(batch) {
      saves.push(batch);
      await new Promise((resolve) => setTimeout(resolve, 15));
      if (saves.length === failOn) throw new AppError('INPUT_INVALID', { detail: 'refused by the test' });
      return store.saveBatch(batch);
    },
    findAssessed: (keys) => store.findAssessed(keys),
    startRun: (run) => store.startRun(run),
    addRunErrors: (runId, errors) => store.addRunErrors(runId, errors),
    finishRun: (runId, status, summary) => store.finishRun(runId, status, summary),
    getRun: (runId) => store.getRun(runId),
    listRunErrors: (runId, limit) => store.listRunErrors(runId, limit),
  };
}

// Where SQLite writes (its worker thread or the calling one) is SQLite's own choice; PostgreSQL has one way.
const stores: [string, () => Promise<Store>][] = onPostgres
  ? [['PostgreSQL', async () => openTestStore(await cliDatabase(join(dir, `p-${++opened}.db`)))]]
  : [
      [
        'the write worker',
        () => SqliteStore.open({ path: join(dir, `w-${++opened}.db`), workerUrl: builtWorkerUrl() }),
      ],
      ['the calling thread', () => SqliteStore.open({ path: join(dir, `t-${++opened}.db`), writes: 'thread' })],
    ];

describe.each(stores)('scanSources writing one batch while scanning the next, on %s', (_, open) => {
  const ids = ['1', '1', '2', '1', '2', '3', '3', '3', '4', '2', '5', '5'];
  const unique = new Set(ids).size;

  it.each([1, 2, 3])('scans a version repeated across consecutive batches once (batch size %i)', async (batchSize) => {
    const base = await open();
    const store = slowWrites(base);
    const { scanner, scanned } = await countingScanner();
    const runId = newId('run');
    const { summary } = await scanSources({
      sources: [source('s', records(...ids))],
      scanner,
      store,
      runId,
      batchSize,
    });
    expect([...scanned.values()]).toEqual(Array.from({ length: unique }, () => 1));
    expect(summary).toMatchObject({ items: ids.length, unchanged: ids.length - unique });
    // Every repeat of '2' counts with the verdict of its one scan.
    expect(summary.review).toBe(ids.filter((id) => id === '2').length);
    expect(store.saves.flatMap((b) => b.items.map(itemKey))).toHaveLength(unique);
    const found = await base.findAssessed(ids.map((id) => `telegram/-1001/${id}/0`));
    expect(found.size).toBe(unique);
    expect((await base.listCases({ limit: 10 })).rows).toHaveLength(1);
    expect(await base.getRun(runId)).toMatchObject({ status: 'completed' });
    await base.close();
  });

  it('fails the run when a write fails, whatever its error, and says so in the run', async () => {
    const base = await open();
    const store = slowWrites(base, 2);
    const { scanner } = await countingScanner();
    const runId = newId('run');
    const scanning = scanSources({ sources: [source('s', records(...ids))], scanner, store, runId, batchSize: 2 });
    await expect(scanning).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: 'refused by the test' });
    expect(await base.getRun(runId)).toMatchObject({ status: 'failed' });
    // Nothing after the failed batch was written.
    expect(store.saves).toHaveLength(2);
    await base.close();
  });
});
