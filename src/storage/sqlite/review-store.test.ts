import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runReviewStoreContract } from '../contract/review-store.contract.js';
import { MIGRATIONS, SqliteStore } from './index.js';
import { migrate } from './migration-runner.js';

runReviewStoreContract({ make: () => SqliteStore.open({ path: ':memory:' }) });

describe('migration 0004', () => {
  it('keeps case events written before it and keeps them append-only', () => {
    const db = new Database(':memory:');
    const now = () => new Date('2024-03-01T00:00:00Z');
    migrate(db, MIGRATIONS.slice(0, 3), { readonly: false, now });
    const columns = (db.prepare('PRAGMA table_info(item)').all() as { name: string; notnull: number }[]).filter(
      (c) => c.notnull,
    );
    const values = columns.map((c) =>
      c.name.endsWith('_ms') || c.name === 'version' ? 0 : `'${c.name === 'key' ? 'k' : 'v'}'`,
    );
    db.exec(`INSERT INTO item (${columns.map((c) => c.name).join(', ')}) VALUES (${values.join(', ')})`);
    db.exec(
      `INSERT INTO review_case VALUES ('c1', 'k', 'open', 'q', 1, 'r', '2024-03-01T00:00:00Z', 0, '2024-03-01T00:00:00Z')`,
    );
    db.exec(
      `INSERT INTO case_event (case_id, type, at, payload) VALUES ('c1', 'case.opened', '2024-03-01T00:00:00Z', '{"queue":"q","reason":"r"}')`,
    );
    expect(migrate(db, MIGRATIONS.slice(0, 4), { readonly: false, now })).toBe(4);
    expect(db.prepare('SELECT seq, case_id, type, key FROM case_event').all()).toEqual([
      { seq: 1, case_id: 'c1', type: 'case.opened', key: null },
    ]);
    expect(() => db.exec('DELETE FROM case_event')).toThrow(/append-only/);
    expect(() =>
      db.exec(`INSERT INTO case_event (case_id, type, at, payload) VALUES ('c1', 'case.nonsense', 'x', '{}')`),
    ).toThrow();
    db.exec(`INSERT INTO case_event (case_id, type, at, payload) VALUES ('c1', 'case.claimed', 'x', '{}')`);
    db.close();
  });
});
