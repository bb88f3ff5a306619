import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseFingerprint } from '../../detect/media/audio/index.js';
import { runProcess } from '../../detect/media/native/run-process.js';
import { referenceTmkFiles, sampleVideo } from '../../detect/media/video/tmk/testing.js';
import { registerBank } from './bank.js';
import { registerHash } from './hash.js';
import { registerMatch } from './match.js';

/**
 * `rasd hash` for audio (Chromaprint) and TMK, and the round trip an operator makes with it:
 * what `rasd hash` prints is what `rasd bank add` takes, and `rasd match` then finds the copies.
 * Sounds are frequency sweeps made by ffmpeg at test time; videos are Meta's TMK samples.
 */
const SWEEP =
  "aevalsrc='0.4*sin(2*PI*(200*t+40*t*t))+0.3*sin(2*PI*(1500*t-25*t*t))*(0.5+0.5*sin(2*PI*1.3*t))" +
  "+0.2*sin(2*PI*(600+300*sin(2*PI*0.37*t))*t)':s=22050:d=20";
const OTHER_SWEEP = "aevalsrc='0.4*sin(2*PI*(3000*t-60*t*t))+0.3*sin(2*PI*(400*t+30*t*t))':s=22050:d=20";
const CHAIR = 'chair-20-sd-bar';

let dir: string;
const file = (name: string): string => join(dir, name);

async function ffmpeg(...args: string[]): Promise<void> {
  const { code, stderr } = await runProcess('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    timeoutMs: 60_000,
    maxStdoutBytes: 1024 * 1024,
  });
  if (code !== 0) throw new Error(`ffmpeg failed: ${stderr}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-hash-av-'));
  await ffmpeg('-f', 'lavfi', '-i', SWEEP, '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '64k', file('speech.mp3'));
  await Promise.all([
    // Re-encoded to Opus at 16 kbit/s with the first 4 s cut.
    ffmpeg('-ss', '4', '-i', file('speech.mp3'), '-c:a', 'libopus', '-b:a', '16k', file('voice.ogg')),
    ffmpeg('-f', 'lavfi', '-i', OTHER_SWEEP, '-c:a', 'libopus', '-b:a', '24k', file('other.ogg')),
    ffmpeg(
      ...['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=20', '-i', file('speech.mp3')],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', file('clip.mp4')],
    ),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=3', '-c:v', 'libx264', file('silent.mp4')),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `rasd …` in-process; returns stdout and what it threw (the exit path). */
async function rasd(args: string[]): Promise<{ out: string; error?: Error }> {
  const program = new Command('rasd').exitOverride();
  registerHash(program);
  registerBank(program);
  registerMatch(program);
  let out = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'rasd', ...args]);
    return { out };
  } catch (error) {
    return { out, error: error as Error };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const json = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('rasd hash: audio', () => {
  it('prints the chromaprint of an audio file as cp1: text, with its duration', async () => {
    const r = await rasd(['hash', file('speech.mp3'), '--json']);
    expect(r.error).toBeUndefined();
    const [mp3] = json(r.out);
    expect(mp3).toMatchObject({ kind: 'audio', md5: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(mp3?.duration).toBeCloseTo(20, 0);
    expect(parseFingerprint(mp3?.chromaprint as string).length).toBeGreaterThan(100);
    const text = await rasd(['hash', file('speech.mp3')]);
    expect(text.out).toContain(`  chromaprint ${mp3?.chromaprint}\n`);
  });

  it("prints a video's soundtrack only with --audio, and nothing (not a failure) for a silent one", async () => {
    const [plain] = json((await rasd(['hash', file('clip.mp4'), '--json'])).out);
    expect(plain).toMatchObject({ kind: 'video' });
    expect(plain).not.toHaveProperty('chromaprint');
    const [withAudio] = json((await rasd(['hash', file('clip.mp4'), '--audio', '--json'])).out);
    expect(withAudio?.chromaprint).toMatch(/^cp1:/);
    const silent = await rasd(['hash', file('silent.mp4'), '--audio', '--json']);
    expect(silent.error).toBeUndefined();
    expect(json(silent.out)[0]).not.toHaveProperty('chromaprint');
  });
});

describe('rasd hash: TMK', () => {
  it("prints --tmk as base64 of the .tmk bytes, byte-identical to Meta's reference", async () => {
    const [video] = json((await rasd(['hash', sampleVideo(CHAIR), '--tmk', '--json'])).out);
    const reference = await readFile(referenceTmkFiles().get(CHAIR) as string);
    expect(Buffer.from(video?.tmk as string, 'base64').equals(reference)).toBe(true);
    expect(video?.vpdq).toEqual(expect.any(Array));
  });

  it('writes <file>.tmk into --out-dir instead of printing it', async () => {
    const out = file('hashes');
    const r = await rasd(['hash', sampleVideo(CHAIR), '--tmk', '--out-dir', out, '--json']);
    const [video] = json(r.out);
    const written = join(out, `${CHAIR}.mp4.tmk`);
    expect(video).toMatchObject({ tmkFile: written });
    expect(video).not.toHaveProperty('tmk');
    const reference = await readFile(referenceTmkFiles().get(CHAIR) as string);
    expect((await readFile(written)).equals(reference)).toBe(true);
    expect((await rasd(['hash', sampleVideo(CHAIR), '--tmk', '--out-dir', out])).out).toContain(
      `  tmk     written to ${written}\n`,
    );
  });
});

describe('rasd hash → rasd bank add → rasd match', () => {
  it('banks what hash printed (chromaprint inline, TMK as @file) and matches the copies', async () => {
    const db = file('banks.db');
    const [mp3] = json((await rasd(['hash', file('speech.mp3'), '--json'])).out);
    const print = mp3?.chromaprint as string;
    const audio = ['bank', 'add', 'AUDIO', print, '--type', 'audio-fingerprint', '--create', '--json', '--db', db];
    expect(json((await rasd(audio)).out)[0]).toMatchObject({ added: 1, rejected: [] });
    await rasd(['hash', sampleVideo(CHAIR), '--tmk', '--out-dir', file('tmk'), '--json']);
    const tmk = `@${join(file('tmk'), `${CHAIR}.mp4.tmk`)}`;
    const video = ['bank', 'add', 'VIDEO', tmk, '--type', 'tmk', '--create', '--json', '--db', db];
    expect(json((await rasd(video)).out)[0]).toMatchObject({ added: 1, rejected: [] });
    // A wrong value type is refused, and says why.
    const wrong = await rasd(['bank', 'add', 'VIDEO', print, '--type', 'tmk', '--json', '--db', db]);
    expect(wrong.error?.message).toMatch(/1 of 1 values were rejected/);

    const r = await rasd(['match', file('voice.ogg'), file('other.ogg'), sampleVideo(CHAIR), '--json', '--db', db]);
    expect(r.error).toBeUndefined();
    const [voice, other, chair] = json(r.out);
    expect(voice?.matches).toEqual([
      expect.objectContaining({ bank: 'AUDIO', signalType: 'audio-fingerprint', transformation: expect.any(String) }),
    ]);
    const trim = (voice?.matches as { transformation: string }[] | undefined)?.[0]?.transformation;
    expect(Number(/^trimmed by (\d+\.\d) s$/.exec(trim ?? '')?.[1])).toBeCloseTo(4, 0);
    expect(other?.matches).toEqual([]);
    expect(chair?.matches).toEqual([expect.objectContaining({ bank: 'VIDEO', signalType: 'tmk', distance: 0 })]);
  });
});
