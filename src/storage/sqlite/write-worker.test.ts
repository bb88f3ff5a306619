import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, itemKey } from '../../core/index.js';
import { makeAssessment, makeBatch, makeItem, makeScannedBatch } from '../contract/fixtures.js';
import { SqliteStore } from './index.js';
import { builtWorkerUrl } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let opened = 0;
const fresh = (): string => join(dir, `writer-${++opened}.db`);
const openFile = (path = fresh(), now?: () => Date) =>
  SqliteStore.open({ path, workerUrl: builtWorkerUrl(), ...(now && { now }) });

describe('SqliteStore write worker', () => {
  it('writes on the worker for a file, on the calling thread otherwise', async () => {
    const path = fresh();
    const stores = [
      await openFile(path),
      await SqliteStore.open({ path: ':memory:', workerUrl: builtWorkerUrl() }),
      await SqliteStore.open({ path, readonly: true, workerUrl: builtWorkerUrl() }),
      await SqliteStore.open({ path: fresh(), writes: 'thread', workerUrl: builtWorkerUrl() }),
      // Run from src/ (as here), no compiled worker sits next to the store module.
      await SqliteStore.open({ path: fresh() }),
    ];
    expect(stores.map((s) => s.writes)).toEqual(['worker', 'thread', 'thread', 'thread', 'thread']);
    for (const store of stores) await store.close();
  });

  it('keeps several batches in flight, in order, and close waits for all of them', async () => {
    const path = fresh();
    const store = await openFile(path);
    const batches = Array.from({ length: 5 }, () => makeScannedBatch(40));
    const saving = batches.map((batch) => store.saveBatch(batch));
    // The same batch again, behind the others: it must find everything stored.
    saving.push(store.saveBatch(batches[0] as (typeof batches)[0]));
    const closing = store.close();
    const results = await Promise.all(saving);
    await closing;
    expect(results.map((r) => r.itemsInserted)).toEqual([40, 40, 40, 40, 40, 0]);
    const again = await openFile(path);
    expect((await again.findAssessed(batches.flatMap((b) => b.items.map(itemKey)))).size).toBe(200);
    await again.close();
  });

  it('refuses writes after close, as STORAGE_FAILED', async () => {
    const store = await openFile();
    await store.close();
    await expect(store.saveBatch(makeScannedBatch(1))).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      detail: 'saveBatch: the store is closed',
    });
  });

  it('rebuilds the AppError a write failed with, and stays usable after it', async () => {
    const store = await openFile();
    const item = makeItem();
    const orphan = makeBatch({ items: [item], assessments: [makeAssessment('telegram/-1001/missing/0')] });
    const failure = await store.saveBatch(orphan).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'INPUT_INVALID', pointer: 'assessments' });
    expect((failure as AppError).message).toContain('which is not stored');
    await expect(store.addRunErrors('run_missing', [])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.getItem(itemKey(item))).toBeUndefined();
    expect((await store.saveBatch(makeScannedBatch(2))).itemsInserted).toBe(2);
    await store.close();
  });

  it('writes runs in order with batches, stamped by the store clock', async () => {
    const store = await openFile(fresh(), () => new Date('2024-06-01T00:00:00Z'));
    const run = { id: 'run_1', sources: ['a'], startedAt: '2024-05-31T00:00:00.000Z', status: 'running' as const };
    const summary = {
      items: 1,
      unchanged: 0,
      violating: 0,
      review: 0,
      clear: 1,
      channelEvents: 0,
      byCategory: {},
      byOrg: {},
      errors: [],
    };
    const started = store.startRun(run);
    const saved = store.saveBatch(makeScannedBatch(3));
    const errors = store.addRunErrors(run.id, [{ record: 'r', code: 'RECORD_INVALID', message: 'm' }]);
    const finished = store.finishRun(run.id, 'completed', summary);
    await Promise.all([started, saved, errors, finished]);
    expect(await store.getRun(run.id)).toMatchObject({ status: 'completed', finishedAt: '2024-06-01T00:00:00.000Z' });
    expect(await store.listRunErrors(run.id, 10)).toHaveLength(1);
    await store.close();
  });

  it('fails what waits on a worker that stops, and every later write', async () => {
    const dying = join(dir, 'dying-worker.mjs');
    writeFileSync(dying, 'process.exit(3);\n');
    const store = await SqliteStore.open({ path: fresh(), workerUrl: pathToFileURL(dying) });
    await expect(store.saveBatch(makeScannedBatch(1))).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      detail: expect.stringMatching(/^saveBatch: the write worker stopped \(exit code 3\)/),
    });
    await expect(
      store.startRun({ id: 'r', sources: [], startedAt: '2024-01-01T00:00:00Z', status: 'running' }),
    ).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await store.close();
  });
});
