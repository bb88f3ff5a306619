import { resolve } from 'node:path';
import { afterAll, inject } from 'vitest';
import { createTestDatabase, openTestStore, type TestDatabase } from '../../app/testing.js';

/**
 * The database a CLI test hands to `--db` (or RASD_DATABASE_URL). In the `sqlite` test project
 * it is the SQLite path the test names; in `cli-on-postgres` (vitest.config.ts) each distinct
 * path stands for a fresh PostgreSQL database of its own, so the same commands and assertions
 * run on both stores — issue 6 asks the foundation's suites to pass on PostgreSQL too.
 */

export const onPostgres = inject('rasdTestDatabase') === 'postgres';

const created = new Map<string, TestDatabase>();

afterAll(async () => {
  const all = [...created.values()];
  created.clear();
  for (const db of all) await db.drop();
});

/** `path` on SQLite; on PostgreSQL the URL of the database that stands for `path` in this file. */
export async function cliDatabase(path: string): Promise<string> {
  if (!onPostgres) return path;
  const key = resolve(path);
  const known = created.get(key);
  if (known !== undefined) return known.url;
  const db = await createTestDatabase('cli');
  created.set(key, db);
  return db.url;
}

/** Opens the store behind a `cliDatabase` value, to seed it or read it back. */
export { openTestStore };
