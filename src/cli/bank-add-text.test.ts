import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EN, SHORT } from '../match/fixtures/texts.js';
import { createTextBankIndex, defaultTextBankNormalize as normalize } from '../match/index.js';
import type { BankStore, Store } from '../storage/ports.js';
import { addTextFile } from './bank-add-text.js';
import { cliDatabase, openTestStore } from './testing/cli-database.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-bank-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh, empty store per test: each path stands for a database of its own on PostgreSQL. */
let made = 0;
async function freshStore(): Promise<Store> {
  made += 1;
  return openTestStore(await cliDatabase(join(dir, `bank-${made}.db`)));
}

/** Rows in the training-corpus shape and the Item shape; harmless texts standing in for banked ones. */
const ROWS = [
  {
    id: 'demo:1',
    text: EN.weatherA,
    label: 'tvec',
    category: 'praise',
    lang: 'en',
    source: 'demo',
    group: 'g1',
    quality: 'gold',
  },
  {
    id: 'demo:2',
    text: EN.cookingA,
    label: 'tvec',
    category: 'other',
    lang: 'en',
    source: 'demo',
    group: 'g1',
    quality: 'weak',
  },
  {
    id: 'demo:3',
    text: EN.sportsA,
    label: 'benign',
    category: 'news',
    lang: 'en',
    source: 'demo',
    group: 'g2',
    quality: 'gold',
  },
  { id: 'demo:4', text: 'Good morning everyone', label: 'tvec', category: 'praise', quality: 'gold' },
  { id: 'demo:5', text: EN.weatherA, label: 'tvec', quality: 'silver' },
  { messageId: '77', chat: { id: 'c1' }, postedAt: '2024-01-01T00:00:00Z', text: SHORT.bakery },
  { id: 'demo:6', label: 'tvec' },
];

function writeJsonl(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('rasd bank add-text (file to bank)', () => {
  let store: BankStore;
  beforeEach(async () => {
    const opened = await freshStore();
    store = opened;
    await store.createBank({ name: 'DEMO_TEXT' });
    return () => opened.close();
  });

  it('adds tvec rows with provenance, skips the rest by reason and never echoes text', async () => {
    const file = writeJsonl('rows.jsonl', [...ROWS.map((r) => JSON.stringify(r)), '{"id": "broken", text', '']);
    const result = await addTextFile(store, 'DEMO_TEXT', file, { normalize, org: 'example-org' });
    expect(result).toMatchObject({ bank: 'DEMO_TEXT', file: 'rows.jsonl', rows: 8, added: 3, duplicates: 1 });
    expect(result.skipped).toEqual({ 'invalid-json': 1, 'no-text': 1, 'not-tvec': 1, quality: 0, 'too-short': 1 });
    expect(result.skippedRows).toEqual([
      { row: 'rows.jsonl#demo:3', reason: 'not-tvec' },
      { row: 'rows.jsonl#demo:4', reason: 'too-short' },
      { row: 'rows.jsonl#demo:6', reason: 'no-text' },
      { row: 'rows.jsonl:8', reason: 'invalid-json' },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/forecast|lentil|morning|Bakery/i);

    const { rows } = await store.listBankEntries('DEMO_TEXT', { limit: 10 });
    expect(rows.map((e) => [e.source, e.category, e.org, e.addedBy, e.signalType])).toEqual([
      ['rows.jsonl#demo:1', 'praise', 'example-org', 'cli', 'text-minhash'],
      ['rows.jsonl#demo:2', undefined, 'example-org', 'cli', 'text-minhash'],
      ['rows.jsonl#77', undefined, 'example-org', 'cli', 'text-minhash'],
    ]);
    const index = createTextBankIndex({
      normalize,
      entries: rows.map((e) => ({ id: e.id, bank: e.bank, value: e.value })),
    });
    expect(index.match(`Forwarded:\n${EN.weatherA}`)[0]?.entryId).toBe(rows[0]?.id);
    expect(index.match(SHORT.bakeryEdited)[0]?.entryId).toBe(rows[2]?.id);
    expect(index.match(EN.sportsA)).toEqual([]);
  });

  it('filters by quality, takes any label on request, and is idempotent', async () => {
    const file = writeJsonl(
      'q.jsonl',
      ROWS.map((r) => JSON.stringify(r)),
    );
    const gold = await addTextFile(store, 'DEMO_TEXT', file, {
      normalize,
      quality: ['gold', 'silver'],
      anyLabel: true,
      category: 'branded',
    });
    expect(gold).toMatchObject({ added: 2, duplicates: 1 });
    expect(gold.skipped).toMatchObject({ quality: 2, 'too-short': 1, 'not-tvec': 0 });
    const again = await addTextFile(store, 'DEMO_TEXT', file, {
      normalize,
      quality: ['gold', 'silver'],
      anyLabel: true,
    });
    expect(again).toMatchObject({ added: 0, duplicates: 3 });
    const { rows } = await store.listBankEntries('DEMO_TEXT', { limit: 10 });
    expect(rows.map((e) => e.category)).toEqual(['praise', 'news']); // the row's own category wins over --category
  });

  it('refuses an unknown bank, a bad bank name and an unknown category before reading', async () => {
    const file = writeJsonl('x.jsonl', [JSON.stringify(ROWS[0])]);
    await expect(addTextFile(store, 'NO_SUCH_BANK', file, { normalize })).rejects.toThrow(
      /rasd bank create NO_SUCH_BANK/,
    );
    await expect(addTextFile(store, 'lower', file, { normalize })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(addTextFile(store, 'DEMO_TEXT', file, { normalize, category: 'bogus' })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });

  it('writes in batches of the given size', async () => {
    const lines = Array.from({ length: 7 }, (_, n) =>
      JSON.stringify({ id: n, text: `${EN.cookingA} Variation number ${n} today.` }),
    );
    let calls = 0;
    const counting = {
      getBank: store.getBank.bind(store),
      addBankEntries: (name: string, entries: Parameters<typeof store.addBankEntries>[1]) => {
        calls += 1;
        return store.addBankEntries(name, entries);
      },
    };
    const result = await addTextFile(counting, 'DEMO_TEXT', writeJsonl('b.jsonl', lines), { normalize, batchSize: 3 });
    expect(result.added).toBe(7);
    expect(calls).toBe(3);
  });
});
