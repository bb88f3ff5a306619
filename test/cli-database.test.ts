import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliDatabase, onPostgres, openTestStore } from '../src/cli/testing/cli-database.js';
import buildOnce from './build-once.js';

/**
 * The CLI suites that keep data run twice (vitest.config.ts): on SQLite and on PostgreSQL. This
 * pins that the second run really is on PostgreSQL — the built `rasd` writes to the database
 * `cliDatabase` names and leaves no SQLite file behind — so a green `cli-on-postgres` means
 * what it says.
 */
const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SAMPLE = join(ROOT, 'examples', 'sample-export');
const dir = mkdtempSync(join(tmpdir(), 'rasd-cli-db-'));

beforeAll(() => buildOnce(), 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the store under the CLI suites', () => {
  it('is the one the test project names, written by the built rasd', async () => {
    expect(onPostgres).toBe(inject('rasdTestDatabase') === 'postgres');
    const path = join(dir, 'pin.db');
    const db = await cliDatabase(path);
    expect(db.startsWith('postgres://')).toBe(onPostgres);
    expect(await cliDatabase(path)).toBe(db);
    const other = await cliDatabase(join(dir, 'other.db'));
    if (onPostgres) expect(other).not.toBe(db);
    else expect(other).toBe(join(dir, 'other.db'));

    const r = spawnSync(process.execPath, [BIN, 'scan', SAMPLE, '--json', '--db', db], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, RASD_LOG_LEVEL: 'silent' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(path)).toBe(!onPostgres);
    const store = await openTestStore(db);
    try {
      expect(store.constructor.name).toBe(onPostgres ? 'PgStore' : 'SqliteStore');
      expect((await store.listItems({ limit: 100 })).rows).toHaveLength(36);
    } finally {
      await store.close();
    }
  });
});
