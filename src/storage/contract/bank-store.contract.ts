import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BankSignalType } from '../../core/index.js';
import type { BankStore, NewBankEntry, StoredBankEntry } from '../bank-ports.js';
import { minutesAfter } from './fixtures.js';
import { walkPages } from './walk-pages.js';

/** How the bank suite gets a fresh, empty store for each test; the suite closes it. */
export interface BankStoreFactory {
  make: () => Promise<BankStore & { close(): Promise<void> }>;
}

/** Harmless stand-ins for signal values: the store never interprets them. */
const entry = (n: number, fixture: Partial<NewBankEntry> = {}): NewBankEntry => ({
  signalType: 'text-minhash',
  value: `mh1:w3:10:value-${n}`,
  source: `fixture.jsonl#${n}`,
  addedBy: 'contract-test',
  addedAt: minutesAfter(n),
  ...fixture,
});

async function collect(iterable: AsyncIterable<StoredBankEntry>): Promise<StoredBankEntry[]> {
  const out: StoredBankEntry[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

/** BankStore: named banks, versioned on every change, with unique entries in the order added. */
export function runBankStoreContract(factory: BankStoreFactory): void {
  describe('BankStore contract', () => {
    let store: BankStore & { close(): Promise<void> };
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates banks and reads them back, by name', async () => {
      const created = await store.createBank({ name: 'TVEC_TEXT', description: 'confirmed texts' });
      expect(created).toMatchObject({
        name: 'TVEC_TEXT',
        description: 'confirmed texts',
        enabled: true,
        version: 1,
        entries: 0,
      });
      expect(Number.isFinite(Date.parse(created.createdAt))).toBe(true);
      await store.createBank({ name: 'A_BANK_2', enabled: false });
      expect(await store.getBank('TVEC_TEXT')).toStrictEqual(created);
      expect(await store.getBank('MISSING')).toBeUndefined();
      expect((await store.listBanks()).map((b) => [b.name, b.enabled, b.description])).toEqual([
        ['A_BANK_2', false, ''],
        ['TVEC_TEXT', true, 'confirmed texts'],
      ]);
    });

    it('refuses names that are not upper-case identifiers, and names taken already', async () => {
      for (const name of ['', 'lower', 'WITH SPACE', 'DASH-ED', 'ÄRGER', 'X'.repeat(101)]) {
        await expect(store.createBank({ name }), JSON.stringify(name)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      }
      await store.createBank({ name: 'TAKEN' });
      await expect(store.createBank({ name: 'TAKEN' })).rejects.toMatchObject({
        code: 'INPUT_INVALID',
        message: expect.stringContaining('exists already'),
      });
      expect((await store.listBanks()).map((b) => b.name)).toEqual(['TAKEN']);
    });

    it('enables and disables a bank, bumping its version only on a change', async () => {
      await store.createBank({ name: 'B' });
      expect(await store.setBankEnabled('B', true)).toMatchObject({ enabled: true, version: 1 });
      expect(await store.setBankEnabled('B', false)).toMatchObject({ enabled: false, version: 2 });
      expect(await store.bankVersion('B')).toBe(2);
      await expect(store.setBankEnabled('NOPE', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.bankVersion('NOPE')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('adds entries once per (bank, signal type, value), counting duplicates, and bumps the version per change', async () => {
      await store.createBank({ name: 'B' });
      await store.createBank({ name: 'C' });
      expect(await store.addBankEntries('B', [entry(1), entry(2), entry(1)])).toEqual({ added: 2, duplicates: 1 });
      expect(await store.bankVersion('B')).toBe(2);
      expect(await store.addBankEntries('B', [entry(2), entry(1)])).toEqual({ added: 0, duplicates: 2 });
      expect(await store.bankVersion('B')).toBe(2);
      expect(await store.addBankEntries('B', [entry(1, { signalType: 'url' })])).toEqual({ added: 1, duplicates: 0 });
      expect(await store.addBankEntries('C', [entry(1)])).toEqual({ added: 1, duplicates: 0 });
      expect(await store.bankVersion('B')).toBe(3);
      expect(await store.addBankEntries('B', [])).toEqual({ added: 0, duplicates: 0 });
      expect(await store.getBank('B')).toMatchObject({ version: 3, entries: 3 });
    });

    it('round-trips every field, with absent optional ones absent, and gives stable unique ids', async () => {
      await store.createBank({ name: 'B' });
      const full = entry(1, { org: 'example-org', category: 'praise', note: 'made-up note' });
      await store.addBankEntries('B', [full, entry(2)]);
      const { rows } = await store.listBankEntries('B', { limit: 10 });
      const [first, second] = rows;
      expect(first).toStrictEqual({ id: first?.id, bank: 'B', ...full });
      expect(second).toStrictEqual({ id: second?.id, bank: 'B', ...entry(2) });
      expect(typeof first?.id).toBe('string');
      expect(first?.id).not.toBe(second?.id);
      expect((await store.listBankEntries('B', { limit: 10 })).rows.map((e) => e.id)).toEqual(rows.map((e) => e.id));
    });

    it('dates an entry with the store clock when it has no addedAt', async () => {
      await store.createBank({ name: 'B' });
      const { addedAt: _omitted, ...undated } = entry(1);
      await store.addBankEntries('B', [undated]);
      const [stored] = (await store.listBankEntries('B', { limit: 1 })).rows;
      expect(Number.isFinite(Date.parse(stored?.addedAt ?? ''))).toBe(true);
    });

    it('adds all entries of a call or none, refusing invalid ones with INPUT_INVALID', async () => {
      await store.createBank({ name: 'B' });
      const invalid: NewBankEntry[] = [
        entry(2, { signalType: 'bogus' as BankSignalType }),
        entry(2, { value: '' }),
        entry(2, { source: '' }),
        entry(2, { addedBy: '' }),
        entry(2, { addedAt: 'yesterday' }),
        entry(2, { note: 'n'.repeat(256) }),
      ];
      for (const bad of invalid) {
        await expect(store.addBankEntries('B', [entry(1), bad])).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      }
      expect(await store.getBank('B')).toMatchObject({ version: 1, entries: 0 });
      await expect(store.addBankEntries('NOPE', [entry(1)])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lists a bank’s entries in the order added, over pages, optionally by signal type', async () => {
      await store.createBank({ name: 'B' });
      await store.createBank({ name: 'OTHER' });
      const added = Array.from({ length: 11 }, (_, n) => entry(n, n % 3 === 0 ? { signalType: 'url' } : {}));
      await store.addBankEntries('B', added.slice(0, 6));
      await store.addBankEntries('OTHER', [entry(100)]);
      await store.addBankEntries('B', added.slice(6));
      const all = await walkPages((cursor) => store.listBankEntries('B', { limit: 3, cursor }));
      expect(all.rows.map((e) => e.value)).toEqual(added.map((e) => e.value));
      expect(all.pages).toBe(4);
      const urls = await walkPages((cursor) => store.listBankEntries('B', { signalType: 'url', limit: 2, cursor }));
      expect(urls.rows.map((e) => e.value)).toEqual(added.filter((e) => e.signalType === 'url').map((e) => e.value));
      await expect(store.listBankEntries('NOPE', { limit: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.listBankEntries('B', { limit: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      await expect(store.listBankEntries('B', { limit: 1, cursor: 'bogus' })).rejects.toMatchObject({
        code: 'INPUT_INVALID',
      });
    });

    it('iterates every entry of a signal type across banks in the order added, optionally enabled banks only', async () => {
      await store.createBank({ name: 'ON' });
      await store.createBank({ name: 'OFF' });
      const many = Array.from({ length: 2_300 }, (_, n) => entry(n));
      await store.addBankEntries('ON', many.slice(0, 1_200));
      await store.addBankEntries('OFF', [entry(5_000), entry(5_001, { signalType: 'url' })]);
      await store.addBankEntries('ON', many.slice(1_200));
      await store.setBankEnabled('OFF', false);
      const all = await collect(store.allBankEntries('text-minhash'));
      expect(all).toHaveLength(2_301);
      expect(all.slice(1_199, 1_202).map((e) => [e.bank, e.value])).toEqual([
        ['ON', 'mh1:w3:10:value-1199'],
        ['OFF', 'mh1:w3:10:value-5000'],
        ['ON', 'mh1:w3:10:value-1200'],
      ]);
      const enabled = await collect(store.allBankEntries('text-minhash', { enabledOnly: true }));
      expect(enabled.map((e) => e.value)).toEqual(many.map((e) => e.value));
      expect(await collect(store.allBankEntries('url'))).toHaveLength(1);
      expect(await collect(store.allBankEntries('pdq'))).toEqual([]);
    });
  });
}
