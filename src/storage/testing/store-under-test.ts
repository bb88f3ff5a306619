import { resolve } from 'node:path';
import { afterAll, inject } from 'vitest';
import type { Store } from '../ports.js';
import { isPostgresUrl, PgStore } from '../postgres/index.js';
import { createTestDatabase, type TestDatabase } from '../postgres/testing.js';
import { SqliteStore } from '../sqlite/index.js';

/**
 * The store a test suite runs on, chosen by its vitest project (vitest.config.ts `provide`):
 * SQLite in the `sqlite` project, PostgreSQL in the `…-on-postgres` ones, so the same tests and
 * assertions run on both stores — issue 6 asks the suites to pass on PostgreSQL too. Every
 * PostgreSQL database made here is a fresh one of its own, dropped after the test file.
 */

export const onPostgres = inject('rasdTestDatabase') === 'postgres';

const made = new Map<string, Promise<TestDatabase>>();
const opened: Store[] = [];

afterAll(async () => {
  // Stores first: a database cannot be dropped while a pool holds it.
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  const all = [...made.values()];
  made.clear();
  for (const db of all) await (await db).drop();
});

/**
 * The database to hand to code that opens its own store (`--db`, `db.url`): `path` itself on
 * SQLite; on PostgreSQL the URL of the database that stands for `path` in this file (the same
 * path gives the same database).
 */
export async function databaseFor(path: string): Promise<string> {
  if (!onPostgres) return path;
  const key = resolve(path);
  // The promise is kept, not the database: two calls for one path at once share one database.
  let db = made.get(key);
  if (db === undefined) {
    db = createTestDatabase('suite');
    made.set(key, db);
  }
  return (await db).url;
}

/** Opens the store behind a `databaseFor` value (PgStore for postgres://, else a SQLite file). */
export async function openTestStore(db: string): Promise<Store> {
  return isPostgresUrl(db) ? PgStore.open({ url: db }) : SqliteStore.open({ path: db, writes: 'thread' });
}

/**
 * A fresh, empty store for one test: SQLite in memory, or a PostgreSQL database of its own.
 * Closed (and dropped) after the file if the test has not closed it; closing twice is harmless.
 */
export async function freshStore(): Promise<Store> {
  const store = onPostgres
    ? await PgStore.open({ url: (await freshDatabase()).url })
    : await SqliteStore.open({ path: ':memory:' });
  opened.push(store);
  return store;
}

let counter = 0;
async function freshDatabase(): Promise<TestDatabase> {
  counter += 1;
  const db = createTestDatabase('suite');
  made.set(`fresh:${counter}`, db);
  return db;
}
