import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { appError } from '../core/index.js';
import { fakeMd5, fakePdq, fakeTmk } from '../match/exchange/fixtures/fake-hashes.js';
import { EXCHANGE_FORMAT_NAMES, nameOfSignalType } from '../match/index.js';
import type { BankStore, NewBankEntry, Store, StoredBankEntry } from '../storage/ports.js';
import { exportBankToFile } from './bank-export.js';
import { addBankValues, formatImportResult, importBankFile } from './bank-import.js';
import { cliDatabase, openTestStore } from './testing/cli-database.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-bank-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh, empty store per test: each path stands for a database of its own on PostgreSQL. */
let made = 0;
async function freshStore(): Promise<Store> {
  made += 1;
  return openTestStore(await cliDatabase(join(dir, `bank-${made}.db`)));
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

let store: BankStore;
beforeEach(async () => {
  const opened = await freshStore();
  store = opened;
  await store.createBank({ name: 'SRC' });
  return () => opened.close();
});

async function entriesOf(bank: string): Promise<StoredBankEntry[]> {
  return (await store.listBankEntries(bank, { limit: 1_000 })).rows;
}

const meaning = (e: StoredBankEntry) => ({
  signalType: e.signalType,
  value: e.value,
  org: e.org,
  category: e.category,
  note: e.note,
});

/** A bank with every kind of label an exchange or a person can give an entry (made-up values). */
const SEED: NewBankEntry[] = [
  {
    signalType: 'pdq',
    value: fakePdq('seed-1'),
    org: 'example-org',
    category: 'branded',
    note: 'ideology=islamist file_type=jpg first seen, "quoted"',
    source: 'tat-list.json#4 tat:2821',
    addedBy: 'test',
  },
  {
    signalType: 'md5',
    value: fakeMd5('seed-2'),
    note: 'ideology=far-right',
    source: 'tat-list.json#5 tat:2822',
    addedBy: 'test',
  },
  {
    signalType: 'md5',
    value: fakeMd5('seed-3'),
    category: 'instructional',
    note: 'status=SUSPICIOUS tags=a,b',
    source: 'bank add',
    addedBy: 'test',
  },
  { signalType: 'sha256', value: fakePdq('seed-4'), org: 'other-org', source: 'bank add', addedBy: 'test' },
  { signalType: 'url', value: 'https://example.org/landing?x=1,2', source: 'bank add', addedBy: 'test' },
  { signalType: 'vpdq', value: '{"0": {"quality": 100, "hash": "00"}}', source: 'bank add', addedBy: 'test' },
  {
    signalType: 'tmk',
    value: fakeTmk(1),
    note: 'opinion=INVESTIGATION_SEED',
    source: 'bank add',
    addedBy: 'test',
  },
];

/** The name space whose types each format can carry without Rasd's own names. */
const SPACE_OF = { 'hma-csv': 'pytx', 'hma-json': 'pytx', threatexchange: 'te', tat: 'tat' } as const;

describe('export then import, per format, through the bank store (SQLite, or PostgreSQL)', () => {
  for (const format of EXCHANGE_FORMAT_NAMES) {
    it(`${format}: a new bank gets the same entries, and a second import adds nothing`, async () => {
      await store.addBankEntries('SRC', SEED);
      const file = join(dir, `round-trip.${format}`);
      const exported = await exportBankToFile(store, 'SRC', file, { format });
      const bank = `DST_${format.replace('-', '_').toUpperCase()}`;
      await store.createBank({ name: bank });

      const first = await importBankFile(store, bank, file, { format, source: 'partner-drop' });
      expect(first).toMatchObject({ added: exported.written, duplicates: 0, rejected: 0 });
      const source = (await entriesOf('SRC')).filter((e) => nameOfSignalType(SPACE_OF[format], e.signalType));
      const copied = await entriesOf(bank);
      expect(copied).toHaveLength(exported.written);
      if (format === 'tat') {
        // TAT carries hashes and its own labels only; org, category and other notes are reported lost.
        expect(exported.lost).toEqual({ org: 1, category: 2, note: 2 });
        expect(copied.map((e) => [e.signalType, e.value, e.note])).toEqual([
          ['pdq', fakePdq('seed-1'), 'ideology=islamist file_type=jpg'],
          ['md5', fakeMd5('seed-2'), 'ideology=far-right'],
          ['md5', fakeMd5('seed-3'), undefined],
        ]);
        expect(copied.map((e) => e.source)).toEqual([
          'partner-drop#1 tat:2821',
          'partner-drop#2 tat:2822',
          'partner-drop#3',
        ]);
      } else {
        expect(copied.map(meaning)).toEqual(source.map(meaning));
        expect(copied.map((e) => e.source)).toEqual(
          source.map((e) => expect.stringMatching(new RegExp(`^partner-drop#\\d+ .*from ${escapeRegExp(e.source)}$`))),
        );
      }
      expect(copied.every((e) => e.addedBy === 'cli')).toBe(true);

      const again = await importBankFile(store, bank, file, { format });
      expect(again).toMatchObject({ added: 0, duplicates: exported.written, rejected: 0 });
      expect(await entriesOf(bank)).toHaveLength(copied.length);
    });
  }

  it("carries every signal type when asked to write Rasd's own names", async () => {
    await store.addBankEntries('SRC', SEED);
    for (const [i, format] of EXCHANGE_FORMAT_NAMES.filter((f) => f !== 'tat').entries()) {
      const file = join(dir, `all.${format}`);
      const exported = await exportBankToFile(store, 'SRC', file, { format, rasdTypes: true });
      expect(exported).toMatchObject({ written: SEED.length, skipped: {} });
      await store.createBank({ name: `ALL_${i}` });
      await importBankFile(store, `ALL_${i}`, file, { format });
      expect((await entriesOf(`ALL_${i}`)).map(meaning), format).toEqual((await entriesOf('SRC')).map(meaning));
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('importBankFile', () => {
  it('reports bad rows by line while the good rows land, and lists only the first few', async () => {
    const rows = ['signal_type,signal_str,collab,category,tags'];
    for (let i = 1; i <= 30; i++) rows.push(`pdq,${i % 3 === 0 ? 'not-a-hash' : fakePdq(i)},c,POSITIVE_CLASS,`);
    rows.push(`raw_text,some words,c,,`);
    const file = write('mixed.csv', `${rows.join('\n')}\n`);
    const result = await importBankFile(store, 'SRC', file, { format: 'hma-csv', listProblems: 5 });
    expect(result).toMatchObject({ records: 31, added: 20, duplicates: 0, rejected: 10 });
    expect(result.skipped).toEqual({ deleted: 0, disabled: 0, 'not-positive': 0, 'unsupported-type': 1 });
    expect(result.problems.map((p) => p.record)).toEqual([
      'mixed.csv line 4',
      'mixed.csv line 7',
      'mixed.csv line 10',
      'mixed.csv line 13',
      'mixed.csv line 16',
    ]);
    expect(result.problems[0]?.message).toMatch(/^a PDQ hash is 256 bits.*"not-a-hash", which is not hexadecimal/);
    const text = formatImportResult(result);
    expect(text).toContain(
      'SRC: 31 records read from mixed.csv (hma-csv), 20 added, 0 already in the bank, 1 skipped (unsupported-type 1), 10 rejected',
    );
    expect(text).toContain('  rejected mixed.csv line 4: a PDQ hash is 256 bits');
    expect(text).toContain('  … and 6 more');
    expect((await entriesOf('SRC')).map((e) => e.source).slice(0, 2)).toEqual([
      'mixed.csv#2 collab:c',
      'mixed.csv#3 collab:c',
    ]);
  });

  it('streams a large file in batches of 5,000 by default', async () => {
    const lines = Array.from({ length: 12_001 }, (_, i) => fakePdq(`big-${i}`));
    const file = write('big.hash_pdq.te', `${lines.join('\n')}\n`);
    let calls = 0;
    const counting = {
      getBank: store.getBank.bind(store),
      addBankEntries: (name: string, entries: readonly NewBankEntry[]) => {
        calls += 1;
        expect(entries.length).toBeLessThanOrEqual(5_000);
        return store.addBankEntries(name, entries);
      },
    };
    const result = await importBankFile(counting, 'SRC', file, { format: 'hma-csv', signalType: 'pdq' });
    expect(result).toMatchObject({ records: 12_001, added: 12_001, rejected: 0 });
    expect(calls).toBe(3);
  });

  it('keeps what came before when the file breaks, and says where', async () => {
    const good = [{ pdq: fakePdq('a') }, { pdq: fakePdq('b') }].map((l) => JSON.stringify(l)).join('\n');
    const file = write('cut.jsonl', `${good}\n{"pdq": "${fakePdq('c')}", "note": "cut`);
    const result = await importBankFile(store, 'SRC', file, { format: 'hma-json' });
    expect(result).toMatchObject({ records: 2, added: 2 });
    expect(result.fatal).toMatch(/^cut\.jsonl line 3: the file ends inside record 3 .*cut short/);
    expect(formatImportResult(result)).toContain('  stopped at cut.jsonl line 3');
  });

  it('retries a batch the store refuses one entry at a time, so only the bad entry is lost', async () => {
    const poisoned = fakePdq('poison');
    const picky = {
      getBank: store.getBank.bind(store),
      addBankEntries: async (name: string, entries: readonly NewBankEntry[]) => {
        if (entries.some((e) => e.value === poisoned))
          throw appError('INPUT_INVALID', 'entries/0/value is refused', 'x');
        return store.addBankEntries(name, entries);
      },
    };
    const file = write('three.hash_pdq.te', [fakePdq('x'), poisoned, fakePdq('y')].join('\n'));
    const result = await importBankFile(picky, 'SRC', file, { format: 'hma-csv', signalType: 'pdq' });
    expect(result).toMatchObject({ added: 2, rejected: 1 });
    expect(result.problems).toEqual([
      { record: 'three.hash_pdq.te line 2', kind: 'rejected', message: 'the bank refused it: value is refused' },
    ]);
  });

  it('refuses a bad bank, an unknown bank, a bad category and a missing file before reading', async () => {
    const file = write('one.jsonl', JSON.stringify({ pdq: fakePdq(1) }));
    await expect(importBankFile(store, 'lower', file, { format: 'hma-json' })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    await expect(importBankFile(store, 'NOPE', file, { format: 'hma-json' })).rejects.toThrow(/rasd bank create NOPE/);
    await expect(importBankFile(store, 'SRC', file, { format: 'hma-json', category: 'x' })).rejects.toThrow(
      /--category must be one of/,
    );
    await expect(importBankFile(store, 'SRC', join(dir, 'absent.json'), { format: 'tat' })).rejects.toMatchObject({
      code: 'SOURCE_UNREADABLE',
    });
  });
});

describe('addBankValues', () => {
  it('adds the valid values lower-cased, reports the rest by position, and counts repeats', async () => {
    const result = await addBankValues(store, 'SRC', [fakeMd5(1).toUpperCase(), 'xyz', fakeMd5(1), fakeMd5(2)], {
      signalType: 'md5',
      category: 'praise',
      note: 'from an analyst',
    });
    expect(result).toEqual({
      bank: 'SRC',
      values: 4,
      added: 2,
      duplicates: 1,
      rejected: [{ value: 2, message: expect.stringMatching(/^an MD5 is 128 bits.*"xyz".* — fix the value$/) }],
    });
    expect((await entriesOf('SRC')).map((e) => [e.value, e.category, e.note, e.source])).toEqual([
      [fakeMd5(1), 'praise', 'from an analyst', 'bank add'],
      [fakeMd5(2), 'praise', 'from an analyst', 'bank add'],
    ]);
    await expect(
      addBankValues(store, 'SRC', [fakeMd5(3)], { signalType: 'md5', note: 'n'.repeat(256) }),
    ).rejects.toThrow(/at most 255/);
  });
});
