import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBankStoreContract } from '../contract/bank-store.contract.js';
import { PgBankStore } from './bank-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('banks');
});
afterAll(() => schemas.drop());

/** Each contract test gets its own freshly migrated schema; closing ends its pool. */
runBankStoreContract({
  make: async () => {
    const pool = await schemas.pool();
    return Object.assign(new PgBankStore(pool, () => new Date()), { close: () => pool.end() });
  },
});

describe('banks on PostgreSQL', () => {
  it('checks bank names in the schema too', async () => {
    const pool = await schemas.pool();
    const insert = (name: string) =>
      pool.query("INSERT INTO bank VALUES ($1, '', 1, '2024-01-01T00:00:00Z', 1)", [name]);
    await expect(insert('lower')).rejects.toThrow(/check/);
    await expect(insert('')).rejects.toThrow(/check/);
    await expect(insert('ÄRGER')).rejects.toThrow(/check/);
    await insert('OK_1');
    await expect(
      pool.query(
        "INSERT INTO bank_entry (bank, signal_type, value, source, added_by, added_at) VALUES ('OK_1', 'bogus', 'v', 's', 'a', 't')",
      ),
    ).rejects.toThrow(/check/);
  });

  it('never reuses an entry id, and keeps values too long for a plain unique index unique', async () => {
    const pool = await schemas.pool();
    const banks = new PgBankStore(pool, () => new Date('2024-05-01T00:00:00Z'));
    await banks.createBank({ name: 'B' });
    const long = `https://example.org/${'a'.repeat(200_000)}`;
    expect(
      await banks.addBankEntries('B', [
        { signalType: 'url', value: long, source: 't', addedBy: 't' },
        { signalType: 'url', value: long, source: 't', addedBy: 't' },
      ]),
    ).toEqual({ added: 1, duplicates: 1 });
    const [first] = (await banks.listBankEntries('B', { limit: 1 })).rows;
    expect(first?.addedAt).toBe('2024-05-01T00:00:00.000Z');
    expect(first?.value).toBe(long);
    await pool.query('DELETE FROM bank_entry');
    await banks.addBankEntries('B', [{ signalType: 'url', value: 'https://example.org/b', source: 't', addedBy: 't' }]);
    const [second] = (await banks.listBankEntries('B', { limit: 1 })).rows;
    expect(second?.id).not.toBe(first?.id);
  });

  it('bumps the version once per change when processes add entries at once', async () => {
    const pool = await schemas.pool({ max: 8 });
    const banks = new PgBankStore(pool, () => new Date());
    await banks.createBank({ name: 'B' });
    const adds = Array.from({ length: 8 }, (_, n) =>
      banks.addBankEntries('B', [
        { signalType: 'url', value: `https://example.org/${n}`, source: 't', addedBy: 't' },
        { signalType: 'url', value: 'https://example.org/shared', source: 't', addedBy: 't' },
      ]),
    );
    const results = await Promise.all(adds);
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(9);
    expect(await banks.getBank('B')).toMatchObject({ version: 9, entries: 9 });
    const racers = await Promise.allSettled([banks.createBank({ name: 'SAME' }), banks.createBank({ name: 'SAME' })]);
    expect(racers.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = racers.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'INPUT_INVALID' });
  });
});
