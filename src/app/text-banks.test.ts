import { afterEach, describe, expect, it } from 'vitest';
import { itemSchema } from '../core/index.js';
import { defaultTextBankNormalize, signForBank } from '../match/index.js';
import { extractScanInput } from '../scan/extract.js';
import type { Store } from '../storage/ports.js';
import { freshStore } from './testing.js';
import { loadTextBankProvider, type TextBanks } from './text-banks.js';

/**
 * Text banks follow the store while a worker runs: an entry added or a bank disabled reaches
 * the provider at its next poll, without a restart, and a scan never sees a half-built index.
 * The banked text is harmless filler: what is tested is the following, not the content.
 */

const BANKED = 'the quick brown fox jumps over the lazy dog near the old mill by the river bank today';
let store: Store;
let banks: TextBanks;

afterEach(async () => {
  await banks?.stop();
  await store?.close();
});

function inputOf(text: string) {
  const item = itemSchema.parse({ chat: { id: '-1' }, messageId: '1', postedAt: '2025-01-01T00:00:00Z', text });
  return extractScanInput(item, undefined, undefined);
}

async function addEntry(bank: string): Promise<void> {
  const signed = signForBank(BANKED, defaultTextBankNormalize);
  if (!('value' in signed)) throw new Error('the filler is too short to sign');
  await store.addBankEntries(bank, [
    { signalType: 'text-minhash', value: signed.value, source: 'test', addedBy: 'test' },
  ]);
}

describe('text banks that follow the store', () => {
  it('pick up an added entry and a disabled bank at the next poll', async () => {
    store = await freshStore();
    await store.createBank({ name: 'FOLLOW_TEXT' });
    banks = await loadTextBankProvider(store, { refreshSeconds: 0.05 });
    expect(banks.provide(inputOf(BANKED))).toEqual([]);
    const before = banks.version;

    await addEntry('FOLLOW_TEXT');
    await expect.poll(() => banks.provide(inputOf(BANKED)).length, { timeout: 5_000 }).toBe(1);
    expect(banks.version).not.toBe(before);
    expect(banks.provide(inputOf(BANKED))[0]?.version).toBe(banks.version);

    await store.setBankEnabled('FOLLOW_TEXT', false);
    await expect.poll(() => banks.provide(inputOf(BANKED)).length, { timeout: 5_000 }).toBe(0);
  });

  it('without an interval, changes only on an explicit refresh', async () => {
    store = await freshStore();
    await store.createBank({ name: 'STILL_TEXT' });
    banks = await loadTextBankProvider(store);
    await addEntry('STILL_TEXT');
    await new Promise((r) => setTimeout(r, 100));
    expect(banks.provide(inputOf(BANKED))).toEqual([]);
    expect(await banks.refresh()).toBe(true);
    expect(banks.provide(inputOf(BANKED))).toHaveLength(1);
    expect(await banks.refresh()).toBe(false);
  });
});
