import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fpcalc, isKnownContainer } from './fpcalc.js';
import { runProcess } from './run-process.js';

const OPTIONS = { timeoutMs: 30_000, maxSeconds: 120, maxBytes: 10 * 1024 * 1024 };

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-fpcalc-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isKnownContainer', () => {
  const bytes = (...parts: (string | number[])[]): Buffer =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

  it('knows the containers Telegram media arrive in', () => {
    for (const head of [
      bytes('RIFF\u0000\u0000\u0000\u0000WAVE'),
      bytes('OggS', [0, 2]),
      bytes('ID3', [4, 0]),
      bytes([0xff, 0xfb, 0x90, 0x64]),
      bytes([0, 0, 0, 0x20], 'ftypisom'),
      bytes([0x1a, 0x45, 0xdf, 0xa3]),
      bytes('fLaC'),
    ]) {
      expect(isKnownContainer(head), head.toString('hex')).toBe(true);
    }
  });

  it('refuses text, playlists, concat lists and empty files', () => {
    for (const head of ['#EXTM3U\n', 'ffconcat version 1.0\n', 'file:///etc/passwd', '<?xml', '']) {
      expect(isKnownContainer(bytes(head)), head).toBe(false);
    }
  });
});

describe('fpcalc', () => {
  it('prints a JSON fingerprint, exiting 0 or 3 (Debian bookworm exits 3 after a good print)', async () => {
    const wav = join(dir, 'sweep.wav');
    const made = await runProcess(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        "aevalsrc='sin(2*PI*(300*t+100*t*t))':s=11025:d=6",
        wav,
      ],
      { timeoutMs: 30_000, maxStdoutBytes: 1024 },
    );
    expect(made.code).toBe(0);
    const { stdout, code } = await fpcalc(wav, OPTIONS);
    expect([0, 3]).toContain(code);
    const parsed = JSON.parse(stdout.toString('utf8')) as { duration: number; fingerprint: number[] };
    expect(parsed.duration).toBeCloseTo(6, 1);
    // Chromaprint needs ≈2.7 s of context before its first item: 6 s give ≈27 items.
    expect(parsed.fingerprint.length).toBeGreaterThan(20);
  });

  it('never starts fpcalc on a file that is not a container', async () => {
    const list = join(dir, 'concat.ogg');
    await writeFile(list, "ffconcat version 1.0\nfile '/etc/hostname'\n");
    await expect(fpcalc(list, OPTIONS)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
