import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BANK_SIGNAL_TYPES } from '../../core/index.js';
import { type BankStoreFactory, runBankStoreContract } from '../contract/bank-store.contract.js';
import { SqliteBankStore } from './bank-store.js';
import { MIGRATIONS, SqliteStore } from './index.js';
import { migrate } from './migration-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-banks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let opened = 0;
const fresh = (name: string): string => {
  opened += 1;
  return join(dir, `${name}-${opened}.db`);
};

/** Each test gets its own temp-file SqliteStore, as production uses, WAL and all. */
const factory: BankStoreFactory = {
  make: async () => SqliteStore.open({ path: fresh('contract') }),
};

runBankStoreContract(factory);

describe('banks on SQLite', () => {
  it('checks signal types and bank names in the schema too', () => {
    const raw = new Database(':memory:');
    migrate(raw, MIGRATIONS, { readonly: false, now: () => new Date() });
    const sql = (raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'bank_entry'").get() as { sql: string }).sql;
    for (const type of BANK_SIGNAL_TYPES) expect(sql).toContain(`signal_type = '${type}'`);
    const insert = raw.prepare("INSERT INTO bank VALUES (?, '', 1, '2024-01-01T00:00:00Z', 1)");
    expect(() => insert.run('lower')).toThrow(/CHECK/);
    expect(() => insert.run('')).toThrow(/CHECK/);
    insert.run('OK_1');
    raw.close();
  });

  it('keeps banks across a reopen and never reuses an entry id', async () => {
    const path = fresh('reopen');
    const db = new Database(path);
    migrate(db, MIGRATIONS, { readonly: false, now: () => new Date() });
    const banks = new SqliteBankStore(db, () => new Date('2024-05-01T00:00:00Z'));
    await banks.createBank({ name: 'B' });
    await banks.addBankEntries('B', [{ signalType: 'url', value: 'https://example.org/a', source: 't', addedBy: 't' }]);
    const [first] = (await banks.listBankEntries('B', { limit: 1 })).rows;
    expect(first?.addedAt).toBe('2024-05-01T00:00:00.000Z');
    db.prepare('DELETE FROM bank_entry').run();
    await banks.addBankEntries('B', [{ signalType: 'url', value: 'https://example.org/b', source: 't', addedBy: 't' }]);
    const [second] = (await banks.listBankEntries('B', { limit: 1 })).rows;
    expect(second?.id).not.toBe(first?.id);
    db.close();
    const store = await SqliteStore.open({ path });
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    await store.close();
  });
});
