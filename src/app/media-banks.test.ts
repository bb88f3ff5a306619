import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { itemSchema } from '../core/index.js';
import { hashImage } from '../detect/media/pdq/index.js';
import { createLoggers } from '../logger.js';
import { patternPng } from '../scan/providers/fixtures/synthetic-images.js';
import type { BankStore, NewBankEntry, Store } from '../storage/ports.js';
import { MediaBanks, mediaBanksOf } from './media-banks.js';
import { createEmbeddedContext } from './presets/embedded.js';
import { openStore as openConfiguredStore } from './presets/scaled.js';
import { databaseFor, freshStore } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-media-banks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: Store[] = [];
const banks: MediaBanks[] = [];
afterEach(async () => {
  for (const b of banks.splice(0)) await b.stop();
  for (const s of stores.splice(0)) await s.close();
});

async function openStore(): Promise<Store> {
  const store = await freshStore();
  stores.push(store);
  return store;
}

function follow(options: ConstructorParameters<typeof MediaBanks>[0]): MediaBanks {
  const b = new MediaBanks(options);
  banks.push(b);
  return b;
}

/** Made-up 256-bit hashes: a base pattern and copies with the first `k` bits flipped. */
const BASE = '0f1e2d3c4b5a69788796a5b4c3d2e1f00123456789abcdeffedcba9876543210';
function flip(hash: string, bits: number): string {
  const digits = hash.split('').map((d) => Number.parseInt(d, 16));
  for (let b = 0; b < bits; b++) digits[b >> 2] = (digits[b >> 2] as number) ^ (1 << (b & 3));
  return digits.map((d) => d.toString(16)).join('');
}
const OTHER = 'f'.repeat(32) + '0'.repeat(32);
const MD5 = '0123456789abcdef0123456789abcdef';
const SHA = 'ab'.repeat(32);

const entry = (signalType: NewBankEntry['signalType'], value: string, extra: Partial<NewBankEntry> = {}) => ({
  signalType,
  value,
  source: 'test',
  addedBy: 'test',
  ...extra,
});

async function seed(store: BankStore): Promise<void> {
  await store.createBank({ name: 'PHOTOS' });
  await store.createBank({ name: 'STRICT' });
  await store.addBankEntries('PHOTOS', [
    entry('pdq', BASE, { org: 'demo-org', category: 'branded', note: 'fixture' }),
    entry('md5', MD5),
    entry('sha256', SHA.toUpperCase()),
    entry('pdq', 'not-a-hash'),
    entry('text-minhash', 'ignored by media banks'),
  ]);
  await store.addBankEntries('STRICT', [entry('pdq', BASE)]);
}

/** The store's bank methods, with some replaced (the store keeps private fields, so no Object.create). */
function wrap(store: BankStore, replace: Partial<BankStore>): BankStore {
  return {
    createBank: (b) => store.createBank(b),
    getBank: (name) => store.getBank(name),
    listBanks: () => store.listBanks(),
    setBankEnabled: (name, enabled) => store.setBankEnabled(name, enabled),
    addBankEntries: (name, entries) => store.addBankEntries(name, entries),
    listBankEntries: (name, query) => store.listBankEntries(name, query),
    allBankEntries: (type, options) => store.allBankEntries(type, options),
    bankVersion: (name) => store.bankVersion(name),
    ...replace,
  };
}

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - started;
}

describe('MediaBanks', () => {
  it('matches PDQ within each bank’s threshold and quality floor, and files exactly', async () => {
    const store = await openStore();
    await seed(store);
    const b = follow({ store, perBank: { STRICT: { pdqMaxDistance: 8 } } });
    expect(b.loaded).toBe(false);
    await b.ready();
    expect(b.index.counts).toEqual({ pdq: 2, md5: 1, sha256: 1, vpdq: 0, tmk: 0, 'audio-fingerprint': 0 });

    const near = b.matchPdq({ orig: flip(BASE, 12) }, 90);
    expect(near.map((m) => [m.entry.bank, m.distance, m.maxDistance, m.form])).toEqual([['PHOTOS', 12, 31, 'orig']]);
    expect(near[0]?.entry).toMatchObject({ org: 'demo-org', category: 'branded', note: 'fixture' });
    expect(b.matchPdq({ orig: flip(BASE, 5) }, 90).map((m) => m.entry.bank)).toEqual(['PHOTOS', 'STRICT']);
    expect(b.matchPdq({ orig: flip(BASE, 32) }, 90)).toEqual([]);
    expect(b.matchPdq({ orig: BASE }, 49)).toEqual([]);
    expect(b.matchPdq({ orig: OTHER, flipx: BASE.toUpperCase() }, 60)[0]).toMatchObject({ distance: 0, form: 'flipx' });

    expect(b.matchExact('md5', MD5.toUpperCase()).map((m) => m.entry.signalType)).toEqual(['md5']);
    expect(b.matchExact('sha256', SHA).map((m) => m.distance)).toEqual([0]);
    expect(b.matchExact('md5', 'f'.repeat(32))).toEqual([]);
    expect(b.version).toBe('PHOTOS:2,STRICT:2');
  });

  it('starts matching an added entry, and stops for a disabled bank, within the poll interval', async () => {
    const store = await openStore();
    await seed(store);
    const b = follow({ store, refreshSeconds: 0.1 });
    await b.ready();
    expect(b.matchPdq({ orig: OTHER }, 90)).toEqual([]);

    const added = flip(OTHER, 3);
    await store.addBankEntries('PHOTOS', [entry('pdq', added)]);
    const addDelay = await until(() => b.matchPdq({ orig: OTHER }, 90).length === 1, 2_000);
    expect(addDelay).toBeLessThan(1_000);

    await store.setBankEnabled('PHOTOS', false);
    const disableDelay = await until(() => b.matchExact('md5', MD5).length === 0, 2_000);
    expect(disableDelay).toBeLessThan(1_000);
    expect(b.matchPdq({ orig: OTHER }, 90)).toEqual([]);
    // HMA's raw lookup still sees a disabled bank; the scan does not.
    expect(b.matchExact('md5', MD5, { includeDisabled: true })).toHaveLength(1);
    expect(b.hasEntries).toBe(true);

    await store.setBankEnabled('STRICT', false);
    await until(() => !b.hasEntries, 2_000);
    await store.setBankEnabled('PHOTOS', true);
    await until(() => b.matchExact('md5', MD5).length === 1, 2_000);
  });

  it('reads only what changed: one added entry costs at most one page, not a rebuild', async () => {
    const store = await openStore();
    await store.createBank({ name: 'BIG' });
    await store.createBank({ name: 'UNTOUCHED' });
    const many = Array.from({ length: 25 }, (_, i) => entry('md5', i.toString(16).padStart(32, '0')));
    await store.addBankEntries('BIG', many);
    await store.addBankEntries('UNTOUCHED', [entry('md5', MD5)]);
    let rowsRead = 0;
    const counting = wrap(store, {
      listBankEntries: async (name, query) => {
        const page = await store.listBankEntries(name, query);
        rowsRead += page.rows.length;
        return page;
      },
    });
    const b = follow({ store: counting, pageSize: 10 });
    await b.ready();
    expect(rowsRead).toBe(26);

    rowsRead = 0;
    await store.addBankEntries('BIG', [entry('md5', 'e'.repeat(32))]);
    const outcome = await b.refresh();
    expect(outcome).toMatchObject({ changed: ['BIG'], added: 1 });
    // The last page of BIG (5 rows) is read again, plus the new row; UNTOUCHED is not read.
    expect(rowsRead).toBe(6);
    expect(b.matchExact('md5', 'e'.repeat(32))).toHaveLength(1);
    expect(b.index.counts.md5).toBe(27);

    rowsRead = 0;
    expect(await b.refresh()).toMatchObject({ changed: [], added: 0 });
    expect(rowsRead).toBe(0);
  });

  it('keeps polling after a failed poll, and stops when told', async () => {
    const store = await openStore();
    await seed(store);
    let fail = false;
    let polls = 0;
    const flaky = wrap(store, {
      listBanks: async () => {
        polls += 1;
        if (fail) throw new Error('database is locked');
        return store.listBanks();
      },
    });
    const errors: unknown[] = [];
    const b = follow({ store: flaky, refreshSeconds: 0.05, onError: (e) => errors.push(e) });
    await b.ready();
    fail = true;
    await until(() => errors.length >= 2, 2_000);
    fail = false;
    await store.addBankEntries('PHOTOS', [entry('md5', 'c'.repeat(32))]);
    await until(() => b.matchExact('md5', 'c'.repeat(32)).length === 1, 2_000);
    await b.stop();
    const after = polls;
    await new Promise((r) => setTimeout(r, 200));
    expect(polls).toBe(after);
  });

  it('retries a first load that failed', async () => {
    const store = await openStore();
    await seed(store);
    let down = true;
    const flaky = wrap(store, {
      listBanks: async () => {
        if (down) throw new Error('store not ready');
        return store.listBanks();
      },
    });
    const b = follow({ store: flaky });
    await expect(b.ready()).rejects.toThrow('store not ready');
    down = false;
    await b.ready();
    expect(b.loaded).toBe(true);
  });

  it('is wired into the embedded context: a banked photo makes an item violating, and close stops the poll', async () => {
    const config = loadConfig(
      {},
      { db: { url: await databaseFor(join(dir, 'context.db')) }, mediaBanks: { refreshSeconds: 0.05 } },
    );
    const logged: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    // The embedded preset opens only SQLite itself; a PostgreSQL store is handed in, as createContext does.
    const store = await openConfiguredStore(config);
    const ctx = await createEmbeddedContext(config, {}, { ...(store && { store }), log: createLoggers('warn', sink) });
    const picture = join(dir, 'banked.png');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(picture, await patternPng(51, 320, 288));
    await ctx.store.createBank({ name: 'CONTEXT_PHOTOS' });
    await ctx.store.addBankEntries('CONTEXT_PHOTOS', [entry('pdq', (await hashImage(picture)).hash)]);
    const item = itemSchema.parse({
      chat: { id: '-100' },
      messageId: '9',
      postedAt: '2024-10-01T00:00:00Z',
      media: [{ kind: 'photo', status: 'present', path: picture }],
    });
    const outcome = await ctx.scanner.scan(item);
    expect(outcome.assessment.verdict).toBe('violating');
    expect(outcome.assessment.signals).toEqual([
      expect.objectContaining({ provider: 'media-bank', label: 'pdq', score: 1 }),
    ]);
    const media = mediaBanksOf(ctx);
    expect(media?.loaded).toBe(true);
    const before = media?.lastPoll ?? 0;
    await until(() => (media?.lastPoll ?? 0) > before, 1_000);
    await ctx.close();
    // A poll left running would hit the closed store and log a warning.
    await new Promise((r) => setTimeout(r, 200));
    expect(logged.filter((line) => line.includes('poll failed'))).toEqual([]);
  });
});
