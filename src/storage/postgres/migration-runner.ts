import type pg from 'pg';
import { AppError, appError } from '../../core/index.js';
import type { Migration } from '../sqlite/migrations/index.js';

/**
 * The PostgreSQL side of the one migration history (`storage/sqlite/migrations/`, each with a
 * `postgres` dialect). Every process of a deployment may start at once, so the whole run holds
 * a session advisory lock: one applies, the others wait and then find nothing to do. Each
 * migration and its ledger row commit together.
 */

/** Arbitrary but fixed: the advisory lock key of Rasd's migrations ("rasd" in ASCII). */
const MIGRATION_LOCK = 0x72617364;

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version     INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  applied_at  TIMESTAMPTZ NOT NULL
)`;

async function currentVersion(client: pg.PoolClient): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return result.rows[0]?.version ?? 0;
}

export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
  options: { now: () => Date },
): Promise<number> {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw appError('INTERNAL', `migration "${m.name}" has version ${m.version}, expected ${index + 1}`);
    }
  });
  const known = migrations.length;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(LEDGER);
      const current = await currentVersion(client);
      if (current > known) {
        throw appError(
          'STORAGE_SCHEMA_NEWER',
          `the database is at schema version ${current}, this Rasd knows up to ${known}; upgrade Rasd`,
        );
      }
      for (const migration of migrations.slice(current)) {
        if (migration.postgres === undefined) {
          throw new AppError('INTERNAL', {
            detail: `migration ${migration.version} (${migration.name}) has no PostgreSQL dialect`,
          });
        }
        await client.query('BEGIN');
        try {
          await client.query(migration.postgres);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            options.now().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
      return known;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
