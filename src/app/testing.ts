import type { Store } from '../storage/ports.js';
import { isPostgresUrl, PgStore } from '../storage/postgres/index.js';
import { SqliteStore } from '../storage/sqlite/index.js';

/**
 * Test support for the rooms above app (not part of the app's API, and not exported from its
 * index): http/ and cli/ may not reach storage/, so their suites get their PostgreSQL database,
 * and a store to seed it with, through here.
 */
export { createTestDatabase, type TestDatabase } from '../storage/postgres/testing.js';

/** The store a test's `--db` value names: PostgreSQL for a postgres:// URL, else a SQLite file. */
export async function openTestStore(db: string): Promise<Store> {
  return isPostgresUrl(db) ? PgStore.open({ url: db }) : SqliteStore.open({ path: db, writes: 'thread' });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Which store the HTTP and CLI suites run on: SQLite unless the test project (vitest.config.ts)
     * says `postgres`.
     */
    rasdTestDatabase: 'sqlite' | 'postgres';
  }
}
