import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from './file-hashes.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const SAMPLE_VIDEO = resolve(repoRoot, '../shared/testdata/tmk/sample-videos/chair-19-sd-bar.mp4');

describe('fileHashes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rasd-file-hashes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the standard digests of known inputs', async () => {
    expect(await fileHashes(Buffer.alloc(0))).toEqual({
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      bytes: 0,
    });
    expect(await fileHashes(Buffer.from('abc'))).toEqual({
      md5: '900150983cd24fb0d6963f7d28e17f72',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      bytes: 3,
    });
  });

  it('matches the MD5 ThreatExchange publishes for a TMK sample video', async () => {
    const hashes = await fileHashes(SAMPLE_VIDEO);
    // PDQMD5TestData.csv in ThreatExchange's pdq/wasm tests.
    expect(hashes.md5).toBe('0a21c8f85a55a9e276ffc2c53f6887c4');
    expect(hashes.bytes).toBe(2117802);
  });

  it('hashes a file read in many chunks exactly as the same bytes in memory', async () => {
    const bytes = randomBytes(1_000_003);
    const path = join(dir, 'random.bin');
    writeFileSync(path, bytes);
    expect(await fileHashes(path)).toEqual(await fileHashes(bytes));
  });

  it('streams a large file instead of loading it', async () => {
    const path = join(dir, 'sparse.bin');
    writeFileSync(path, '');
    truncateSync(path, 256 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const hashes = await fileHashes(path);
    clearInterval(sampler);
    expect(hashes.bytes).toBe(256 * 1024 * 1024);
    expect(hashes.md5).toBe('1f5039e50bd66b290c56684d8550c6c2');
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('throws MEDIA_MISSING for a missing path and SOURCE_UNREADABLE for a directory', async () => {
    await expect(fileHashes(join(dir, 'nope.mp4'))).rejects.toMatchObject({ code: 'MEDIA_MISSING' });
    await expect(fileHashes(dir)).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });
});
