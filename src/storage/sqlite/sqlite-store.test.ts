import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  AppError,
  type Assessment,
  CASE_STATUSES,
  type Item,
  itemKey,
  SEVERITIES,
  VERDICTS,
} from '../../core/index.js';
import { runActionStoreContract } from '../contract/action-store.contract.js';
import { runCaseStoreContract } from '../contract/case-store.contract.js';
import { runChannelStoreContract } from '../contract/channel-store.contract.js';
import { makeAssessment, makeBatch, makeItem, makeScannedBatch } from '../contract/fixtures.js';
import { runItemStoreContract } from '../contract/item-store.contract.js';
import { runReportStoreContract } from '../contract/report-store.contract.js';
import { runScanRunStoreContract } from '../contract/scan-run-store.contract.js';
import { runScanStoreContract } from '../contract/scan-store.contract.js';
import type { StoreFactory } from '../contract/store-factory.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SqliteStore, type SqliteStoreOptions } from './index.js';
import { migrate } from './migration-runner.js';
import { builtWorkerUrl } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let opened = 0;
const fresh = (name: string): string => {
  opened += 1;
  return join(dir, `${name}-${opened}.db`);
};

/** A file store as production opens it: WAL, and writes on the (built) write worker. */
const openFile = (path: string, options: Omit<SqliteStoreOptions, 'path'> = {}): Promise<SqliteStore> =>
  SqliteStore.open({ path, workerUrl: builtWorkerUrl(), ...options });

const contracts = (factory: StoreFactory): void => {
  runScanStoreContract(factory);
  runItemStoreContract(factory);
  runChannelStoreContract(factory);
  runCaseStoreContract(factory);
  runActionStoreContract(factory);
  runScanRunStoreContract(factory);
  runReportStoreContract(factory);
};

describe('on a file, writing on the worker thread', () => {
  // Each test gets its own database file, as production uses, WAL and all.
  contracts({ make: () => openFile(fresh('contract')) });
});

describe('in memory, writing on the calling thread', () => {
  contracts({ make: () => SqliteStore.open({ path: ':memory:' }) });
});

const openRaw = (path: string): Database.Database => new Database(path);

describe('SqliteStore on SQLite', () => {
  it('runs each migration once and records it', async () => {
    const path = fresh('migrate');
    const store = await SqliteStore.open({ path, now: () => new Date('2024-05-01T00:00:00Z') });
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    await store.close();
    await (await SqliteStore.open({ path })).close();
    const raw = openRaw(path);
    expect(raw.prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: '2024-05-01T00:00:00.000Z' })),
    );
    raw.close();
  });

  it('applies a later migration forward, once, on an existing database', () => {
    const raw = openRaw(fresh('forward'));
    const next = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'extra', sql: 'CREATE TABLE extra (a TEXT) STRICT;' },
    ];
    const now = () => new Date();
    expect(migrate(raw, MIGRATIONS, { readonly: false, now })).toBe(MIGRATIONS.length);
    expect(migrate(raw, next, { readonly: false, now })).toBe(next.length);
    expect(migrate(raw, next, { readonly: false, now })).toBe(next.length);
    expect(raw.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: next.length });
    raw.close();
  });

  it('refuses a migration list with a gap', () => {
    const raw = openRaw(':memory:');
    const gap = [...MIGRATIONS, { version: MIGRATIONS.length + 2, name: 'gap', sql: '' }];
    expect(() => migrate(raw, gap, { readonly: false, now: () => new Date() })).toThrow(/version/);
    raw.close();
  });

  it('refuses a database whose schema is newer than this code', async () => {
    const path = fresh('newer');
    await (await SqliteStore.open({ path })).close();
    const raw = openRaw(path);
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'future', 'x');
    raw.close();
    await expect(SqliteStore.open({ path })).rejects.toMatchObject({ code: 'STORAGE_SCHEMA_NEWER' });
    await expect(SqliteStore.open({ path, readonly: true })).rejects.toMatchObject({ code: 'STORAGE_SCHEMA_NEWER' });
  });

  it('keeps data across a reopen, and turns WAL on for files', async () => {
    const path = fresh('reopen');
    const batch = makeScannedBatch(5);
    const first = await openFile(path);
    await first.saveBatch(batch);
    const raw = openRaw(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await first.close();
    const second = await openFile(path);
    const item = batch.items[3] as Item;
    expect(await second.getItem(itemKey(item))).toStrictEqual(item);
    expect((await second.listItems({ limit: 10 })).rows).toHaveLength(5);
    await second.close();
  });

  it('lets a second connection read what the first committed', async () => {
    const path = fresh('shared');
    const writer = await openFile(path);
    const reader = await SqliteStore.open({ path, readonly: true });
    await writer.saveBatch(makeScannedBatch(4));
    expect((await reader.listItems({ limit: 10 })).rows).toHaveLength(4);
    await expect(reader.saveBatch(makeScannedBatch(1))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await reader.close();
    await writer.close();
  });

  it('opens read-only only a database that exists and is up to date', async () => {
    await expect(SqliteStore.open({ path: fresh('absent'), readonly: true })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
    });
    const empty = fresh('empty');
    openRaw(empty).close();
    await expect(SqliteStore.open({ path: empty, readonly: true })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      retryable: false,
    });
  });

  it('works in memory', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const batch = makeScannedBatch(3);
    await store.saveBatch(batch);
    expect((await store.findAssessed(batch.items.map(itemKey))).size).toBe(3);
    await store.close();
  });

  it('reports failures as STORAGE_FAILED naming the operation, never quoting content', async () => {
    const store = await openFile(fresh('errors'));
    const item = makeItem({ text: 'a private sentence' });
    const bogus = { ...makeAssessment(item), verdict: 'bogus' } as unknown as Assessment;
    const failure = await store.saveBatch(makeBatch({ items: [item], assessments: [bogus] })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED', retryable: false });
    expect((failure as AppError).message).toMatch(/^Storage failed: saveBatch: SQLITE_CONSTRAINT_CHECK/);
    expect(JSON.stringify(failure)).not.toContain('private sentence');
    expect((failure as AppError).message).not.toContain('private sentence');
    await store.close();
    await store.close();
    await expect(store.getItem(itemKey(item))).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      retryable: true,
      detail: expect.stringMatching(/^getItem: /),
    });
  });

  it('checks enumerated columns against the core registries', () => {
    const raw = openRaw(':memory:');
    migrate(raw, MIGRATIONS, { readonly: false, now: () => new Date() });
    const tableSql = (name: string): string =>
      (raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as { sql: string }).sql;
    const checks: [string, string, readonly string[]][] = [
      ['assessment', 'verdict', VERDICTS],
      ['assessment', 'severity', SEVERITIES],
      ['action', 'kind', ACTION_KINDS],
      ['action', 'status', ACTION_STATUSES],
      ['review_case', 'status', CASE_STATUSES],
    ];
    for (const [table, column, values] of checks) {
      for (const value of values) expect(tableSql(table)).toContain(`${column} = '${value}'`);
    }
    raw.close();
  });
});

describe('SqliteStore.open', () => {
  it('names the path when it cannot open the file', async () => {
    const path = join(dir, 'no-such-folder', 'rasd.db');
    await expect(SqliteStore.open({ path })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      detail: expect.stringContaining('no-such-folder'),
    });
  });
});
