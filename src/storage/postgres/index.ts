export { PgStore, type PgStoreOptions } from './pg-store.js';
export { DEFAULT_POOL_SIZE, isPostgresUrl, redactUrl } from './pool.js';
