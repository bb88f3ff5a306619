import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { createSeededContext } from './testing.js';

/**
 * The HTTP suites run twice (vitest.config.ts): on SQLite and on PostgreSQL. This pins that the
 * second run really is on PostgreSQL, so a green `http-on-postgres` project means what it says.
 */
describe('the store under the HTTP suites', () => {
  it('is the one the test project names, seeded and readable', async () => {
    const seeded = await createSeededContext({ setup: { loadConfig, createLoggers } });
    try {
      const onPostgres = inject('rasdTestDatabase') === 'postgres';
      expect(seeded.ctx.config.db.url.startsWith('postgres')).toBe(onPostgres);
      expect(seeded.ctx.store.constructor.name).toBe(onPostgres ? 'PgStore' : 'SqliteStore');
      expect((await seeded.ctx.store.listItems({ limit: 100 })).rows).toHaveLength(7);
    } finally {
      await seeded.dispose();
    }
  });
});
