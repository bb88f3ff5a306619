export { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
