/**
 * Test support for the rooms above app (not part of the app's API, and not exported from its
 * index): http/ may not reach storage/, so its suites get their PostgreSQL database through here.
 */
export { createTestDatabase, type TestDatabase } from '../storage/postgres/testing.js';
