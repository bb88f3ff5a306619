import type Database from 'better-sqlite3';
import { AppError, appError } from '../../core/index.js';
import type { Migration } from './migrations/index.js';

const LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
  ) STRICT`;

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw appError('INTERNAL', `migration "${m.name}" has version ${m.version}, expected ${index + 1}`);
    }
  });
}

function currentVersion(db: Database.Database): number {
  const ledger = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!ledger) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

function refuseNewer(current: number, known: number): void {
  if (current > known) {
    throw appError(
      'STORAGE_SCHEMA_NEWER',
      `the database is at schema version ${current}, this Rasd knows up to ${known}; upgrade Rasd`,
    );
  }
}

/**
 * Brings the schema up to the newest migration and returns the version it is at. Each migration
 * runs in its own write transaction that re-reads the version first, so two processes opening
 * the same file at once apply each migration exactly once. A read-only open migrates nothing and
 * refuses a schema it would have had to change.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  options: { readonly: boolean; now: () => Date },
): number {
  checkSequence(migrations);
  const known = migrations.length;
  refuseNewer(currentVersion(db), known);
  if (options.readonly) {
    const current = currentVersion(db);
    if (current < known) {
      throw new AppError('STORAGE_FAILED', {
        detail: `the database is at schema version ${current}, this Rasd needs ${known}; open it once without readonly to migrate`,
        retryable: false,
      });
    }
    return current;
  }
  db.exec(LEDGER);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      const current = currentVersion(db);
      refuseNewer(current, known);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, options.now().toISOString());
    });
    apply.immediate();
  }
  return known;
}
