import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../sqlite/migration-runner.js';
import { MIGRATIONS } from '../sqlite/migrations/index.js';
import { migratePostgres } from './migration-runner.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

/*
 * One history, two dialects: after every migration both databases must hold the same tables
 * with the same columns, nullable alike. The only differences are the documented ones of the
 * PostgreSQL dialect (0001: label rows carry their item's posted time, for partitioning).
 */
const PG_ONLY_COLUMNS: Record<string, string[]> = {
  assessment_category: ['posted_ms'],
  assessment_org: ['posted_ms'],
};

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('parity');
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

type Columns = Record<string, Record<string, boolean>>;

function sqliteColumns(upTo: number): Columns {
  const sqlite = new Database(':memory:');
  try {
    migrate(sqlite, MIGRATIONS.slice(0, upTo), { readonly: false, now: () => new Date() });
    const tables = sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
      )
      .all() as { name: string }[];
    const out: Columns = {};
    for (const { name } of tables) {
      const info = sqlite.prepare(`PRAGMA table_info(${name})`).all() as {
        name: string;
        notnull: number;
        pk: number;
      }[];
      // SQLite lets a non-INTEGER primary key column hold NULL unless it says NOT NULL; PostgreSQL never does.
      out[name] = Object.fromEntries(info.map((c) => [c.name, c.notnull === 1 || c.pk > 0]));
    }
    return out;
  } finally {
    sqlite.close();
  }
}

async function postgresColumns(schema: string, tables: string[]): Promise<Columns> {
  const { rows } = await pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, is_nullable FROM information_schema.columns
     WHERE table_schema = $1 AND table_name = ANY($2::text[])`,
    [schema, tables],
  );
  const out: Columns = {};
  for (const row of rows) {
    if (PG_ONLY_COLUMNS[row.table_name]?.includes(row.column_name)) continue;
    out[row.table_name] ??= {};
    (out[row.table_name] as Record<string, boolean>)[row.column_name] = row.is_nullable === 'NO';
  }
  return out;
}

describe('the PostgreSQL dialect of the migrations', () => {
  it('has the same tables, columns and nullability as SQLite after every migration', async () => {
    for (let version = 1; version <= MIGRATIONS.length; version += 1) {
      const schema = `v${version}`;
      await pool.query(`CREATE SCHEMA ${schema}`);
      const client = await pool.connect();
      try {
        await client.query(`SET search_path = ${schema}`);
        for (const m of MIGRATIONS.slice(0, version)) await client.query(m.postgres ?? '');
      } finally {
        await client.query('RESET search_path');
        client.release();
      }
      const expected = sqliteColumns(version);
      expect(await postgresColumns(schema, Object.keys(expected)), `after migration ${version}`).toEqual(expected);
    }
  });

  it('applies once, records every version, and lets many processes migrate at once', async () => {
    const pools = Array.from({ length: 3 }, () => new pg.Pool({ connectionString: db.url, max: 1 }));
    try {
      const now = () => new Date('2026-01-01T00:00:00.000Z');
      const versions = await Promise.all(pools.map((p) => migratePostgres(p, MIGRATIONS, { now })));
      expect(versions).toEqual([MIGRATIONS.length, MIGRATIONS.length, MIGRATIONS.length]);
      expect(await migratePostgres(pool, MIGRATIONS, { now })).toBe(MIGRATIONS.length);
      const ledger = await pool.query<{ version: number; name: string }>(
        'SELECT version, name FROM public.schema_migrations ORDER BY version',
      );
      expect(ledger.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
