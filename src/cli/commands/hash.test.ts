import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTestVideo } from '../../detect/media/video/test-videos.js';
import { corruptJpeg, patternPng, resizedJpeg } from '../../scan/providers/fixtures/synthetic-images.js';
import { registerHash } from './hash.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-hash-cmd-'));
const file = (name: string) => join(dir, name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const png = await patternPng(31, 320, 288);
  writeFileSync(file('picture.png'), png);
  // A JPEG under a misleading name: the kind comes from the bytes.
  writeFileSync(file('picture.dat'), await resizedJpeg(png));
  writeFileSync(file('notes.txt'), 'plain text, hashed as a file');
  writeFileSync(file('broken.jpg'), corruptJpeg());
});

/** Runs `rasd hash …` in-process; returns stdout, stderr and what it threw (the exit path). */
async function rasd(args: string[]): Promise<{ out: string; err: string; error?: Error }> {
  const program = new Command('rasd').exitOverride();
  registerHash(program);
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'rasd', 'hash', ...args]);
    return { out, err };
  } catch (error) {
    return { out, err, error: error as Error };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('rasd hash', () => {
  it('prints MD5, SHA-256 of every file and PDQ of images, one JSON line each', async () => {
    const r = await rasd([file('picture.png'), file('picture.dat'), file('notes.txt'), '--json']);
    expect(r.error).toBeUndefined();
    const [png, jpeg, text] = lines(r.out);
    const md5 = createHash('md5').update('plain text, hashed as a file').digest('hex');
    expect(text).toEqual({
      file: file('notes.txt'),
      kind: 'other',
      md5,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      bytes: 28,
    });
    expect(png).toMatchObject({ kind: 'image', pdq: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(png?.quality).toBeGreaterThanOrEqual(50);
    expect(jpeg).toMatchObject({ kind: 'image', pdq: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(png).not.toHaveProperty('dihedral');
  });

  it('adds the 8 rotation and mirror hashes with --dihedral, and prints text without --json', async () => {
    const [png] = lines((await rasd([file('picture.png'), '--json', '--dihedral'])).out);
    const dihedral = png?.dihedral as Record<string, string>;
    expect(Object.keys(dihedral)).toEqual(['orig', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipp', 'flipm']);
    expect(dihedral.orig).toBe(png?.pdq);
    const text = await rasd([file('picture.png')]);
    expect(text.out).toContain(`  pdq     ${png?.pdq}  quality ${png?.quality}`);
    expect(text.out).toMatch(/ {2}md5 {5}[0-9a-f]{32}\n/);
  });

  it('reports a bad file, goes on with the rest, and fails at the end', async () => {
    const r = await rasd([file('broken.jpg'), file('missing.png'), file('notes.txt'), '--json']);
    expect(r.error?.message).toMatch(/2 of 3 files could not be hashed/);
    const [broken, missing, text] = lines(r.out);
    expect(broken).toMatchObject({ file: file('broken.jpg'), error: { code: 'INPUT_INVALID' } });
    expect(missing).toMatchObject({ error: { code: 'MEDIA_MISSING' } });
    expect(text).toMatchObject({ kind: 'other', md5: expect.any(String) });
    expect(r.err).toContain(`rasd: ${file('missing.png')}: `);
  });

  it('prints vPDQ frames of a video', async () => {
    const video = await makeTestVideo(file('clip.mp4'), 'testsrc=duration=3:size=160x120:rate=10');
    const [clip] = lines((await rasd([video, '--json'])).out);
    expect(clip).toMatchObject({ kind: 'video', md5: expect.any(String) });
    const frames = clip?.vpdq as { frame: number; hash: string; quality: number }[];
    expect(frames.length).toBeGreaterThanOrEqual(1);
    expect(frames[0]).toMatchObject({ frame: 0, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
