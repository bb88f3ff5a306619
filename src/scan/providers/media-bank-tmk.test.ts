import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaBanks } from '../../app/media-banks.js';
import { itemSchema, type Signal } from '../../core/index.js';
import { referenceTmkFiles, sampleVideo } from '../../detect/media/video/tmk/testing.js';
import { checkSignalValue } from '../../match/index.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { extractScanInput } from '../extract.js';
import { type MediaBankProvider, mediaBankProvider } from './media-bank.js';

/**
 * TMK bank matching end to end with Meta's reference files: a bank holds the `.tmk` Meta's
 * tmk-hash-video wrote for one sample video (as base64, the bank value form), and scanning that
 * sample video finds it. A logo-covered variant of the same scene scores 0.45 / 0.61 against it
 * in the reference files, under the 0.7 thresholds; an unrelated pattern video's hash is banked
 * too and must never match the chair.
 */
let store: Store;
let banks: MediaBanks;
let provider: MediaBankProvider;

async function tmkValue(name: string): Promise<string> {
  const file = referenceTmkFiles().get(name);
  if (file === undefined) throw new Error(`no reference .tmk for ${name}`);
  const checked = checkSignalValue('tmk', (await readFile(file)).toString('base64'));
  if (!('value' in checked)) throw new Error(checked.error);
  return checked.value;
}

beforeAll(async () => {
  store = await freshStore();
  await store.createBank({ name: 'VIDEOS_TMK' });
  await store.addBankEntries('VIDEOS_TMK', [
    { signalType: 'tmk', value: await tmkValue('chair-20-sd-bar'), note: 'chair', source: 'test', addedBy: 'test' },
    { signalType: 'tmk', value: await tmkValue('pattern-hd-no-bar'), note: 'pattern', source: 'test', addedBy: 'test' },
  ]);
  banks = new MediaBanks({ store, refreshSeconds: 60 });
  provider = mediaBankProvider(banks, { maxFileBytes: 100_000_000 });
});

afterAll(async () => {
  await banks.stop();
  await store.close();
});

async function scan(path: string): Promise<Signal[]> {
  const item = itemSchema.parse({
    chat: { id: '-100' },
    messageId: '1',
    postedAt: '2024-10-01T00:00:00Z',
    text: '',
    media: [{ kind: 'video', status: 'present', path }],
  });
  return provider.provide(extractScanInput(item));
}

describe('media-bank provider: TMK', () => {
  it('loads both TMK entries and decodes videos for TMK only because a bank holds them', async () => {
    await banks.ready();
    expect(banks.index.counts.tmk).toBe(2);
    expect(banks.hasTmkEntries).toBe(true);
    expect(banks.hasVideoEntries).toBe(false);
  });

  it('finds the sample video whose reference .tmk is banked, with both level scores', async () => {
    const signals = await scan(sampleVideo('chair-20-sd-bar'));
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s).toMatchObject({ provider: 'media-bank', kind: 'bank-match', label: 'tmk' });
    const entry = s?.evidence[0];
    expect(entry).toMatchObject({ type: 'entry', source: 'VIDEOS_TMK' });
    expect(banks.index.get(entry?.type === 'entry' ? entry.entry : '')?.note).toBe('chair');
    // Our hash of the video is byte-identical to Meta's, so both scores are 1.
    expect(entry?.type === 'entry' && entry.distance).toBe(0);
    expect(s?.score).toBe(1);
    expect(s?.evidence[1]).toEqual({
      type: 'feature',
      name: 'whole video, TMK level 1 1.000, level 2 1.000',
      weight: 1,
    });
  });

  it('finds another cut of the scene (0.99 / 0.99 in the reference files) as a near duplicate', async () => {
    const [s, ...rest] = await scan(sampleVideo('chair-19-sd-bar'));
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ label: 'tmk', tactic: 'near-duplicate-reupload' });
    const entry = s?.evidence[0];
    const distance = entry?.type === 'entry' ? (entry.distance ?? 1) : 1;
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThan(0.05);
    expect(s?.score).toBeGreaterThan(0.9);
    expect(s?.score).toBeLessThan(1);
  });

  it('does not match a different sample (the scene under a large logo) nor the pattern video', async () => {
    expect(await scan(sampleVideo('chair-22-with-large-logo-bar'))).toEqual([]);
  });

  it("honours a bank's own TMK thresholds: at 0.999 the other cut is no longer a match, the same video still is", async () => {
    const strict = new MediaBanks({
      store,
      refreshSeconds: 60,
      perBank: { VIDEOS_TMK: { tmkLevel1: 0.999, tmkLevel2: 0.999 } },
    });
    try {
      const strictProvider = mediaBankProvider(strict, { maxFileBytes: 100_000_000 });
      const scanWith = (path: string) =>
        strictProvider.provide(
          extractScanInput(
            itemSchema.parse({
              chat: { id: '-100' },
              messageId: '2',
              postedAt: '2024-10-01T00:00:00Z',
              media: [{ kind: 'video', status: 'present', path }],
            }),
          ),
        );
      expect(await scanWith(sampleVideo('chair-19-sd-bar'))).toEqual([]);
      expect(await scanWith(sampleVideo('chair-20-sd-bar'))).toHaveLength(1);
    } finally {
      await strict.stop();
    }
  });
});
