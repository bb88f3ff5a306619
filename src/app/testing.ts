/**
 * Test support for the rooms above app (not part of the app's API, and not exported from its
 * index): http/ and cli/ may not reach storage/, so their suites get their PostgreSQL database,
 * and a store to seed it with, through here.
 */
export { createTestDatabase, type TestDatabase } from '../storage/postgres/testing.js';
export {
  databaseFor,
  freshStore,
  onPostgres,
  openTestStore,
} from '../storage/testing/store-under-test.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Which store the suites run on: SQLite unless the test project (vitest.config.ts) says
     * `postgres`.
     */
    rasdTestDatabase: 'sqlite' | 'postgres';
  }
}
