/**
 * The database a CLI test hands to `--db` (or RASD_DATABASE_URL): in the `sqlite` test project
 * the SQLite path the test names; in `cli-on-postgres` (vitest.config.ts) each distinct path
 * stands for a fresh PostgreSQL database of its own, so the same commands and assertions run on
 * both stores. The work is done by storage/testing/store-under-test.ts, reached through app.
 */
export { databaseFor as cliDatabase, onPostgres, openTestStore } from '../../app/testing.js';
