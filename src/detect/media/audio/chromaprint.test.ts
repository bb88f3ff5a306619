import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../native/run-process.js';
import { AUDIO_MATCH_THRESHOLD, FINGERPRINT_ITEM_SECONDS, matchAudio } from './audio-match.js';
import { type AudioFingerprint, fingerprintAudio, parseFpcalcJson } from './chromaprint.js';
import { parseFingerprint, serializeFingerprint } from './fingerprint-text.js';

/**
 * Every sound here is synthesised by ffmpeg at test time into a temp folder. A pure sine gives
 * Chromaprint almost nothing to work with, so the "original" layers two frequency sweeps, an
 * amplitude-modulated sweep and a warbling tone; the unrelated sounds are other sweeps and noise.
 */
const ORIGINAL =
  "aevalsrc='0.4*sin(2*PI*(200*t+40*t*t))+0.3*sin(2*PI*(1500*t-25*t*t))*(0.5+0.5*sin(2*PI*1.3*t))" +
  "+0.2*sin(2*PI*(600+300*sin(2*PI*0.37*t))*t)':s=22050:d=20";
const OTHER_SWEEP = "aevalsrc='0.4*sin(2*PI*(3000*t-60*t*t))+0.3*sin(2*PI*(400*t+30*t*t))':s=22050:d=20";
const NOISE = 'anoisesrc=d=20:c=pink:r=22050:a=0.3';

let dir: string;
const path = (name: string): string => join(dir, name);

async function ffmpeg(...args: string[]): Promise<void> {
  const { code, stderr } = await runProcess('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    timeoutMs: 60_000,
    maxStdoutBytes: 1024 * 1024,
  });
  if (code !== 0) throw new Error(`ffmpeg failed: ${stderr}`);
}

const prints = new Map<string, AudioFingerprint>();
const print = (name: string): Uint32Array => prints.get(name)!.fingerprint;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-audio-'));
  await ffmpeg('-f', 'lavfi', '-i', ORIGINAL, '-ac', '1', path('original.wav'));
  await Promise.all([
    // A voice message: Opus at 16 kbit/s, first 2.5 s cut.
    ffmpeg('-ss', '2.5', '-i', path('original.wav'), '-c:a', 'libopus', '-b:a', '16k', path('voice.ogg')),
    // A re-upload: MP3 at 32 kbit/s, first 3 s cut and the last 2 s too.
    ffmpeg('-ss', '3', '-t', '15', '-i', path('original.wav'), '-c:a', 'libmp3lame', '-b:a', '32k', path('cut.mp3')),
    // The same sound as a video's soundtrack.
    ffmpeg(
      ...['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=20', '-i', path('original.wav')],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '48k', '-shortest', path('video.mp4')],
    ),
    ffmpeg('-f', 'lavfi', '-i', OTHER_SWEEP, '-ac', '1', path('other.wav')),
    ffmpeg('-f', 'lavfi', '-i', NOISE, '-c:a', 'libopus', '-b:a', '24k', path('noise.ogg')),
  ]);
  for (const name of ['original.wav', 'voice.ogg', 'cut.mp3', 'video.mp4', 'other.wav', 'noise.ogg']) {
    prints.set(name, await fingerprintAudio(path(name)));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fingerprintAudio', () => {
  it('fingerprints a WAV: duration in seconds, one item per ≈0.124 s', () => {
    const { duration, fingerprint } = prints.get('original.wav')!;
    expect(duration).toBeCloseTo(20, 1);
    expect(fingerprint.length).toBeGreaterThan(130);
    expect(fingerprint.length).toBeLessThanOrEqual(Math.ceil(20 / FINGERPRINT_ITEM_SECONDS));
    // Not degenerate: a real print has many distinct items.
    expect(new Set(fingerprint).size).toBeGreaterThan(fingerprint.length / 2);
  });

  it('fingerprints Ogg Opus voice messages and the soundtrack of an MP4 video', () => {
    expect(prints.get('voice.ogg')!.duration).toBeCloseTo(17.5, 0);
    expect(print('voice.ogg').length).toBeGreaterThan(100);
    expect(prints.get('video.mp4')!.duration).toBeCloseTo(20, 0);
  });

  it('fingerprints only the first maxSeconds, yet reports the whole duration', async () => {
    const short = await fingerprintAudio(path('original.wav'), { maxSeconds: 5 });
    expect(short.duration).toBeCloseTo(20, 1);
    expect(short.fingerprint.length).toBeLessThan(5 / FINGERPRINT_ITEM_SECONDS);
    expect(Array.from(short.fingerprint)).toEqual(
      Array.from(print('original.wav').subarray(0, short.fingerprint.length)),
    );
  });

  it('refuses a video without sound with INPUT_INVALID and fpcalc’s reason', async () => {
    await ffmpeg(
      ...['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', path('silent.mp4')],
    );
    await expect(fingerprintAudio(path('silent.mp4'))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/audio stream/),
    });
  });

  it('refuses audio too short to give a fingerprint', async () => {
    await ffmpeg('-f', 'lavfi', '-i', `${ORIGINAL.replace('d=20', 'd=0.5')}`, path('blip.wav'));
    await expect(fingerprintAudio(path('blip.wav'))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('refuses a playlist posing as audio before fpcalc (and ffmpeg) can follow it', async () => {
    await writeFile(path('list.mp3'), '#EXTM3U\n#EXTINF:1,\nhttp://127.0.0.1:9/segment.ts\n');
    await expect(fingerprintAudio(path('list.mp3'))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/not a known audio or video container/),
    });
  });

  it('enforces the byte cap, reports missing files and kills fpcalc at the timeout', async () => {
    await expect(fingerprintAudio(path('original.wav'), { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/limit is 1000/),
    });
    await expect(fingerprintAudio(path('missing.ogg'))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
    await expect(fingerprintAudio(path('original.wav'), { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      message: expect.stringMatching(/fpcalc timed out after 1 ms and was killed/),
    });
  });
});

describe('parseFpcalcJson', () => {
  it('reads unsigned and signed items as the same 32 bits', () => {
    const parsed = parseFpcalcJson('{"duration": 12.50, "fingerprint": [1, 4294967295, -1]}');
    expect(parsed?.duration).toBe(12.5);
    expect(Array.from(parsed!.fingerprint)).toEqual([1, 4294967295, 4294967295]);
  });

  it('rejects truncated or malformed output instead of guessing', () => {
    for (const bad of [
      '',
      '{"duration": 1, "fingerprint": [1, 2',
      '{"fingerprint": [1]}',
      '{"duration": 1, "fingerprint": [1.5]}',
    ]) {
      expect(parseFpcalcJson(bad), bad).toBeUndefined();
    }
  });
});

describe('audio copies', () => {
  it('matches a 16 kbit/s Opus copy cut by 2.5 s at the offset of the cut', () => {
    const result = matchAudio(print('original.wav'), print('voice.ogg'));
    expect(result.matched).toBe(true);
    expect(result.score).toBeGreaterThan(0.9);
    expect(result.offset * FINGERPRINT_ITEM_SECONDS).toBeCloseTo(2.5, 0);
  });

  it('matches a 32 kbit/s MP3 cut at both ends, and finds the original inside it the other way round', () => {
    const forward = matchAudio(print('original.wav'), print('cut.mp3'));
    expect(forward).toMatchObject({ matched: true });
    expect(forward.score).toBeGreaterThan(0.9);
    expect(forward.offset * FINGERPRINT_ITEM_SECONDS).toBeCloseTo(3, 0);
    const backward = matchAudio(print('cut.mp3'), print('original.wav'));
    expect(backward).toMatchObject({ matched: true, offset: -forward.offset, score: forward.score });
  });

  it('matches the soundtrack of a video to the audio file', () => {
    const result = matchAudio(print('original.wav'), print('video.mp4'));
    expect(result).toMatchObject({ matched: true, offset: 0 });
    expect(result.score).toBeGreaterThan(0.9);
  });

  it('does not match an unrelated sweep or noise', () => {
    for (const other of ['other.wav', 'noise.ogg']) {
      const result = matchAudio(print('original.wav'), print(other));
      expect(result.matched, other).toBe(false);
      expect(result.score, other).toBeLessThan(AUDIO_MATCH_THRESHOLD - 0.1);
    }
    expect(matchAudio(print('voice.ogg'), print('noise.ogg')).matched).toBe(false);
  });

  it('matches the same way after a trip through the bank text form', () => {
    const stored = parseFingerprint(serializeFingerprint(print('original.wav')));
    expect(matchAudio(stored, print('voice.ogg'))).toEqual(matchAudio(print('original.wav'), print('voice.ogg')));
  });
});
