import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeScannedBatch } from '../src/storage/contract/fixtures.js';
import { SqliteStore } from '../src/storage/sqlite/index.js';

export interface SqliteSaveBenchOptions {
  batchSize?: number;
  /** Out of every ten items, how many are violating (each also brings a case, an event, an action). */
  violatingInTen?: number;
  reviewInTen?: number;
}

/**
 * saveBatch throughput into a fresh WAL file, in items per second. Every item has an
 * assessment with one to three signals. Batches are built before the clock starts, so only
 * the store is measured: encoding, SQLite, and the commit of each batch.
 */
export async function benchSqliteSave(n: number, options: SqliteSaveBenchOptions = {}): Promise<number> {
  const { batchSize = 2000, violatingInTen = 1, reviewInTen = 1 } = options;
  const batches = [];
  for (let done = 0; done < n; done += batchSize) {
    const start = new Date(Date.parse('2024-01-01T00:00:00Z') + done * 60_000).toISOString();
    batches.push(makeScannedBatch(Math.min(batchSize, n - done), { start, chats: 20, violatingInTen, reviewInTen }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-'));
  const store = await SqliteStore.open({ path: join(dir, 'bench.db') });
  try {
    const started = process.hrtime.bigint();
    for (const batch of batches) await store.saveBatch(batch);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return n / seconds;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
