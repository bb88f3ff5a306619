import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBankStoreContract } from '../contract/bank-store.contract.js';
import { runPeopleStoreContract } from '../contract/people-store.contract.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../sqlite/migrations/index.js';
import { PgStore } from './pg-store.js';
import { createPool, withoutJit } from './pool.js';
import { TestStores } from './store-testing.js';

let stores: TestStores;
beforeAll(async () => {
  stores = await TestStores.create('pgopen');
});
afterAll(() => stores.drop());

/* The other ports reach PgStore through its delegates: their suites run against PgStore itself. */
describe('PgStore as the whole Store', () => {
  runBankStoreContract({ make: () => stores.store() });
  runPeopleStoreContract({ make: () => stores.store() });
});

describe('PgStore.open', () => {
  it('applies every migration once, however many processes start at the same moment', async () => {
    const url = await stores.newSchemaUrl();
    const now = () => new Date('2024-05-01T00:00:00Z');
    const opened = await Promise.all([1, 2, 3].map(() => PgStore.open({ url, now, poolSize: 2 })));
    expect(opened.map((s) => s.schemaVersion)).toEqual([1, 2, 3].map(() => LATEST_SCHEMA_VERSION));
    await Promise.all(opened.map((s) => s.close()));
    const raw = stores.pool(url);
    const { rows } = await raw.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => [r.version, r.name, (r.applied_at as Date).toISOString()])).toEqual(
      MIGRATIONS.map((m) => [m.version, m.name, '2024-05-01T00:00:00.000Z']),
    );
    await raw.end();
  });

  it('refuses a database whose schema is newer than this code', async () => {
    const url = await stores.newSchemaUrl();
    await (await PgStore.open({ url })).close();
    const raw = stores.pool(url);
    await raw.query("INSERT INTO schema_migrations VALUES ($1, 'future', now())", [LATEST_SCHEMA_VERSION + 1]);
    await raw.end();
    await expect(PgStore.open({ url })).rejects.toMatchObject({ code: 'STORAGE_SCHEMA_NEWER' });
  });

  it('migrates only as far as it is told (for tests of a partial history)', async () => {
    const url = await stores.newSchemaUrl();
    const store = await PgStore.open({ url, migrations: MIGRATIONS.slice(0, 1) });
    expect(store.schemaVersion).toBe(1);
    await store.close();
    expect((await PgStore.open({ url }).then(async (s) => [s.schemaVersion, await s.close()]))[0]).toBe(
      LATEST_SCHEMA_VERSION,
    );
  });

  it('refuses a URL that is not postgres:// and names an unreachable server without its password', async () => {
    await expect(PgStore.open({ url: 'rasd.db' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    const failure = await PgStore.open({ url: 'postgres://rasd:hunter2@127.0.0.1:1/rasd' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED', retryable: true });
    expect(JSON.stringify(failure)).not.toContain('hunter2');
    expect(String((failure as Error).message)).not.toContain('hunter2');
  });

  it('fails reads after close as STORAGE_FAILED naming the operation, and closes twice', async () => {
    const store = await stores.store();
    await store.close();
    await store.close();
    await expect(store.getItem('telegram/-1/1/0')).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      detail: expect.stringMatching(/^getItem: /),
    });
  });
});

describe('the connection pool', () => {
  /** What `SHOW jit` says on each of `n` connections of a pool opened on `url`. */
  async function jitOn(url: string, n = 1): Promise<(string | undefined)[]> {
    const pool = createPool({ url, max: n });
    try {
      const clients = await Promise.all(Array.from({ length: n }, () => pool.connect()));
      const shown = await Promise.all(clients.map((c) => c.query<{ jit: string }>('SHOW jit')));
      for (const c of clients) c.release();
      return shown.map((r) => r.rows[0]?.jit);
    } finally {
      await pool.end();
    }
  }

  it('turns JIT off on every connection, also when the URL carries its own options', async () => {
    // These options set search_path; they must be kept, and must not replace jit=off.
    const url = await stores.newSchemaUrl();
    expect(url).toMatch(/options=/);
    expect(await jitOn(url, 3)).toEqual(['off', 'off', 'off']);
    const pool = createPool({ url, max: 1 });
    try {
      const { rows } = await pool.query<{ search_path: string }>('SHOW search_path');
      expect(rows[0]?.search_path).toMatch(/^s\d+$/);
    } finally {
      await pool.end();
    }
  });

  it("leaves an operator's explicit jit=on in the URL in force", async () => {
    expect(withoutJit('-c jit=on')).toBe('-c jit=off -c jit=on');
    const url = `${(await stores.newSchemaUrl()).replace(/options=[^&]*/, '')}options=-c%20jit%3Don`;
    expect(await jitOn(url)).toEqual(['on']);
  });

  it('keeps URLs node-postgres accepts but a URL parser would not: a raw % in the password, a socket without host', async () => {
    // The local server trusts every connection, so the password is read but not checked.
    const database = new URL(await stores.newSchemaUrl()).pathname.slice(1);
    expect(await jitOn(`postgres://postgres:50%off@127.0.0.1:5432/${database}`)).toEqual(['off']);
    expect(await jitOn(`postgres://postgres@/${database}?host=/var/run/postgresql`)).toEqual(['off']);
  });
});
