import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeMd5, fakePdq } from '../match/exchange/fixtures/fake-hashes.js';
import type { BankStore, Store } from '../storage/ports.js';
import { exportBank, exportBankToFile, formatExportResult } from './bank-export.js';
import { cliDatabase, openTestStore } from './testing/cli-database.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-bank-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh, empty store per test: each path stands for a database of its own on PostgreSQL. */
let made = 0;
async function freshStore(): Promise<Store> {
  made += 1;
  return openTestStore(await cliDatabase(join(dir, `bank-${made}.db`)));
}

let store: BankStore;
beforeEach(async () => {
  const opened = await freshStore();
  store = opened;
  await store.createBank({ name: 'B' });
  await store.addBankEntries('B', [
    ...Array.from({ length: 5 }, (_, i) => ({
      signalType: 'pdq' as const,
      value: fakePdq(i),
      source: 's',
      addedBy: 't',
    })),
    { signalType: 'md5', value: fakeMd5(1), org: 'example-org', source: 's', addedBy: 't' },
    { signalType: 'audio-fingerprint', value: 'opaque', source: 's', addedBy: 't' },
  ]);
  return () => opened.close();
});

describe('exportBank', () => {
  it('reads the bank page by page and writes every entry once, in the order added', async () => {
    let text = '';
    let pages = 0;
    const paging: Pick<BankStore, 'getBank' | 'listBankEntries'> = {
      getBank: store.getBank.bind(store),
      listBankEntries: (name, query) => {
        pages += 1;
        return store.listBankEntries(name, query);
      },
    };
    const result = await exportBank(
      paging,
      'B',
      async (t) => {
        text += t;
      },
      { format: 'hma-csv', pageSize: 2 },
    );
    expect(pages).toBe(4);
    expect(result).toEqual({
      bank: 'B',
      format: 'hma-csv',
      written: 6,
      skipped: { 'HMA has no audio-fingerprint signal type': 1 },
      lost: {},
    });
    const values = text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[1]);
    expect(values).toEqual([...Array.from({ length: 5 }, (_, i) => fakePdq(i)), fakeMd5(1)]);
  });

  it('writes only the signal types asked for', async () => {
    let text = '';
    const result = await exportBank(
      store,
      'B',
      async (t) => {
        text += t;
      },
      {
        format: 'threatexchange',
        types: ['md5'],
      },
    );
    expect(result.written).toBe(1);
    expect(JSON.parse(text)).toMatchObject({
      raw_indicator: fakeMd5(1),
      type: 'HASH_MD5',
      rasd: { org: 'example-org' },
    });
  });

  it('says in the summary what was left out or cut, and how to keep it', async () => {
    const result = await exportBank(store, 'B', async () => {}, { format: 'tat' });
    expect(formatExportResult(result, 'out.json')).toBe(
      'B: 6 entries written as tat to out.json\n' +
        "  left out 1: the TAT hash list has no audio-fingerprint algorithm (add --include-rasd-types to write them under Rasd's names)\n" +
        '  1 written without their org: the tat format has no field for it\n',
    );
  });
});

describe('exportBankToFile', () => {
  it('writes the whole file under its name only at the end', async () => {
    const out = join(dir, 'bank.jsonl');
    const result = await exportBankToFile(store, 'B', out, { format: 'hma-json' });
    expect(result.written).toBe(6);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(6);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('leaves no file behind when the export fails', async () => {
    const out = join(dir, 'never.csv');
    await expect(exportBankToFile(store, 'NO_SUCH', out, { format: 'hma-csv' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(readdirSync(dir).filter((f) => f.startsWith('never'))).toEqual([]);
    await expect(exportBankToFile(store, 'B', join(dir, 'missing', 'x.csv'), { format: 'hma-csv' })).rejects.toThrow(
      /cannot write .*ENOENT/,
    );
  });
});
