import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaBanks } from '../../app/media-banks.js';
import { type Item, itemSchema, type MediaRef, Registry, type Signal } from '../../core/index.js';
import { fileHashes } from '../../detect/media/file-hashes.js';
import { hashImage } from '../../detect/media/pdq/index.js';
import { formatVpdq, hashVideo } from '../../detect/media/video/index.js';
import { makeTestVideo } from '../../detect/media/video/test-videos.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { extractScanInput } from '../extract.js';
import { parsePolicy } from '../policy/index.js';
import type { SignalProvider } from '../provider.js';
import { createScanner } from '../scanner.js';
import { corruptJpeg, mirrored, patternPng, resizedJpeg, rotated90 } from './fixtures/synthetic-images.js';
import { isImage, mediaBankProvider, pdqScore } from './media-bank.js';

/**
 * Synthetic pictures only. 320×288 is a size at which PDQ's dihedral hashes of a picture equal
 * the hashes of its mirrored and rotated copies; at other sizes they differ by a few bits.
 */
const W = 320;
const H = 288;
const dir = mkdtempSync(join(tmpdir(), 'rasd-media-provider-'));
let store: Store;
let banks: MediaBanks;
let provider: SignalProvider;
const files: Record<string, string> = {};

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  const original = await patternPng(11, W, H);
  files.original = write('original.png', original);
  files.mirror = write('mirror.png', await mirrored(original));
  files.rotated = write('rotated.png', await rotated90(original));
  files.reencoded = write('reencoded.jpg', await resizedJpeg(original, 200, 60));
  files.unrelated = write('unrelated.png', await patternPng(12, W, H));
  files.corrupt = write('corrupt.jpg', corruptJpeg());
  files.document = write('notes.bin', Buffer.from('plain bytes, banked by their md5'));

  store = await freshStore();
  await store.createBank({ name: 'PHOTOS' });
  await store.createBank({ name: 'FILES' });
  const pdq = (await hashImage(files.original)).hash;
  await store.addBankEntries('PHOTOS', [
    { signalType: 'pdq', value: pdq, org: 'demo-org', category: 'branded', source: 'test', addedBy: 'test' },
  ]);
  const { md5 } = await fileHashes(files.document);
  await store.addBankEntries('FILES', [{ signalType: 'md5', value: md5, source: 'test', addedBy: 'test' }]);
  // Videos from ffmpeg's own test patterns: the banked one, a smaller re-encode, and another pattern.
  const clip = 'testsrc2=duration=4:size=192x144:rate=10';
  files.video = await makeTestVideo(join(dir, 'banked.mp4'), clip);
  files.videoCopy = await makeTestVideo(join(dir, 'copy.mp4'), clip, ['-vf', 'scale=160:120', '-crf', '35']);
  files.videoOther = await makeTestVideo(join(dir, 'other.mp4'), 'mandelbrot=size=192x144:rate=10', ['-t', '4']);
  const vpdq = formatVpdq(await hashVideo(files.video));
  await store.createBank({ name: 'VIDEOS' });
  await store.addBankEntries('VIDEOS', [{ signalType: 'vpdq', value: vpdq, source: 'test', addedBy: 'test' }]);
  banks = new MediaBanks({ store, refreshSeconds: 60 });
  provider = mediaBankProvider(banks, { maxFileBytes: 10_000_000 });
});

afterAll(async () => {
  await banks.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function itemWith(media: Partial<MediaRef>[], id = '1'): Item {
  return itemSchema.parse({
    chat: { id: '-100' },
    messageId: id,
    postedAt: '2024-10-01T00:00:00Z',
    text: 'caption',
    media: media.map((m) => ({ kind: 'photo', status: 'present', ...m })),
  });
}

async function signalsFor(...paths: string[]): Promise<Signal[]> {
  return provider.provide(extractScanInput(itemWith(paths.map((path) => ({ path })))));
}

function distanceOf(s: Signal | undefined): number | undefined {
  const entry = s?.evidence.find((e) => e.type === 'entry');
  return entry?.type === 'entry' ? entry.distance : undefined;
}

function form(s: Signal | undefined): string | undefined {
  const feature = s?.evidence.find((e) => e.type === 'feature');
  return feature?.type === 'feature' ? feature.name : undefined;
}

describe('media-bank provider', () => {
  it('finds the banked picture itself, scored 1, with its labels and bank', async () => {
    const [s, ...rest] = await signalsFor(files.original as string);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      provider: 'media-bank',
      kind: 'bank-match',
      label: 'pdq',
      score: 1,
      org: 'demo-org',
      category: 'branded',
      evidence: [{ type: 'entry', entry: expect.stringMatching(/^be_/), distance: 0, source: 'PHOTOS' }, {}],
    });
    expect(s).not.toHaveProperty('tactic');
    expect(form(s)).toBe('matched as orig');
    expect(s?.version).toBe(`media-bank@${banks.version}`);
  });

  it('finds a mirrored and a rotated re-upload, naming the form it matched as', async () => {
    const [m] = await signalsFor(files.mirror as string);
    expect(form(m)).toBe('matched as flipy');
    expect(m).toMatchObject({ tactic: 'mirror-rotation', evidence: [{ source: 'PHOTOS' }, {}] });
    expect(distanceOf(m)).toBeLessThanOrEqual(8);
    const [r] = await signalsFor(files.rotated as string);
    expect(form(r)).toMatch(/^matched as rot(90|270)$/);
    expect(r?.tactic).toBe('mirror-rotation');
  });

  it('finds a smaller, lossy re-encoding as a near duplicate', async () => {
    const [s] = await signalsFor(files.reencoded as string);
    const distance = distanceOf(s) ?? -1;
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThanOrEqual(31);
    expect(s).toMatchObject({ tactic: 'near-duplicate-reupload', score: pdqScore(distance, 31) });
    expect(form(s)).toBe('matched as orig');
  });

  it('says nothing about an unrelated picture, and matches any file by MD5', async () => {
    expect(await signalsFor(files.unrelated as string)).toEqual([]);
    const ref = { path: files.document as string, kind: 'document' as const, mime: 'application/octet-stream' };
    const signals = await provider.provide(extractScanInput(itemWith([ref])));
    expect(signals).toMatchObject([{ label: 'md5', score: 1, evidence: [{ source: 'FILES', distance: 0 }] }]);
  });

  it('fails the item for a corrupt or missing file, but keeps a match found next to it', async () => {
    await expect(signalsFor(files.corrupt as string)).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      message: expect.stringContaining('media 0'),
    });
    await expect(signalsFor(join(dir, 'gone.png'))).rejects.toThrow(/media 0 .*gone\.png\): file not found$/);
    const relative = mediaBankProvider(banks, { maxFileBytes: 1e7, baseDir: dir });
    await expect(relative.provide(extractScanInput(itemWith([{ path: 'photos/gone.jpg' }])))).rejects.toThrow(
      `file not found under ${dir}, where relative media paths are read from`,
    );
    const [found] = await relative.provide(extractScanInput(itemWith([{ path: 'mirror.png' }])));
    expect(found?.label).toBe('pdq');
    const [s] = await signalsFor(files.corrupt as string, files.mirror as string);
    expect(s?.label).toBe('pdq');
  });

  it('finds a re-encoded video by vPDQ, and not another video', async () => {
    const video = (path: string) => itemWith([{ path, kind: 'video', mime: 'video/mp4' }]);
    const [s, ...rest] = await provider.provide(extractScanInput(video(files.videoCopy as string)));
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      label: 'vpdq',
      evidence: [{ source: 'VIDEOS' }, { name: expect.stringMatching(/% of frames$/) }],
    });
    expect(s?.score).toBeGreaterThanOrEqual(0.8);
    expect(await provider.provide(extractScanInput(video(files.videoOther as string)))).toEqual([]);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const small = mediaBankProvider(banks, { maxFileBytes: 100 });
    await expect(small.provide(extractScanInput(itemWith([{ path: files.original as string }])))).rejects.toThrow(
      /above the 100-byte limit/,
    );
  });

  it('stays synchronous for items without readable media', () => {
    expect(provider.provide(extractScanInput(itemWith([])))).toEqual([]);
    expect(provider.provide(extractScanInput(itemWith([{ status: 'missing', path: 'x.jpg' }])))).toEqual([]);
  });

  it('runs in a scan: a corrupt file is a failure on its item and the batch goes on', async () => {
    const policy = parsePolicy({
      id: 'p',
      version: '1',
      rules: [{ id: 'bank', when: { signal: { kind: 'bank-match', minScore: 0.5 } }, verdict: 'violating' }],
    });
    const scanner = createScanner({ providers: new Registry('providers', [provider]), policy });
    const items = [
      itemWith([{ path: files.corrupt as string }], '1'),
      itemWith([{ path: files.reencoded as string }], '2'),
      itemWith([{ path: files.unrelated as string }], '3'),
    ];
    const outcomes = [];
    for (const item of items) outcomes.push(await scanner.scan(item));
    expect(outcomes.map((o) => o.failures.map((f) => f.provider))).toEqual([['media-bank'], [], []]);
    expect(outcomes.map((o) => o.assessment.verdict)).toEqual(['clear', 'violating', 'clear']);
  });
});

describe('helpers', () => {
  it('scores a match from 1 (exact) to just over 0.5 at the threshold', () => {
    expect(pdqScore(0, 31)).toBe(1);
    expect(pdqScore(12, 31)).toBeGreaterThanOrEqual(0.8);
    expect(pdqScore(13, 31)).toBeLessThan(0.8);
    expect(pdqScore(31, 31)).toBeGreaterThan(0.5);
    expect(pdqScore(10, 10)).toBeGreaterThan(0.5);
  });

  it('tells images from other media by type, kind and name, and leaves SVG alone', () => {
    expect(isImage({ kind: 'photo', status: 'present' })).toBe(true);
    expect(isImage({ kind: 'document', status: 'present', mime: 'image/webp' })).toBe(true);
    expect(isImage({ kind: 'document', status: 'present', mime: 'image/svg+xml' })).toBe(false);
    expect(isImage({ kind: 'sticker', status: 'present', path: 'stickers/s.webp' })).toBe(true);
    expect(isImage({ kind: 'video', status: 'present', path: 'v.mp4' })).toBe(false);
  });
});
