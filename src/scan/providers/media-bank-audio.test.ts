import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaBanks } from '../../app/media-banks.js';
import { itemSchema, type MediaRef, type Signal } from '../../core/index.js';
import { fingerprintAudio, serializeFingerprint } from '../../detect/media/audio/index.js';
import { runProcess } from '../../detect/media/native/run-process.js';
import { checkSignalValue } from '../../match/index.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { extractScanInput } from '../extract.js';
import { type MediaBankProvider, mediaBankProvider } from './media-bank.js';
import { isAudio } from './media-bank-audio.js';

/**
 * Audio bank matching end to end: sounds synthesised by ffmpeg at test time (layered frequency
 * sweeps, as in detect/media/audio's tests; a pure sine gives Chromaprint too little), banked by
 * their `cp1:` text through the store under test (SQLite or PostgreSQL), and scanned as voice
 * messages and video soundtracks.
 */
const ORIGINAL =
  "aevalsrc='0.4*sin(2*PI*(200*t+40*t*t))+0.3*sin(2*PI*(1500*t-25*t*t))*(0.5+0.5*sin(2*PI*1.3*t))" +
  "+0.2*sin(2*PI*(600+300*sin(2*PI*0.37*t))*t)':s=22050:d=20";
const OTHER_SWEEP = "aevalsrc='0.4*sin(2*PI*(3000*t-60*t*t))+0.3*sin(2*PI*(400*t+30*t*t))':s=22050:d=20";

let dir: string;
let store: Store;
let banks: MediaBanks;
let provider: MediaBankProvider;
const path = (name: string): string => join(dir, name);

async function ffmpeg(...args: string[]): Promise<void> {
  const { code, stderr } = await runProcess('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    timeoutMs: 60_000,
    maxStdoutBytes: 1024 * 1024,
  });
  if (code !== 0) throw new Error(`ffmpeg failed: ${stderr}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-media-bank-audio-'));
  await ffmpeg('-f', 'lavfi', '-i', ORIGINAL, '-ac', '1', path('original.wav'));
  const video = ['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=20'];
  const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast'];
  await Promise.all([
    // A voice message: re-encoded to Opus at 16 kbit/s, its first 2.5 s cut.
    ffmpeg('-ss', '2.5', '-i', path('original.wav'), '-c:a', 'libopus', '-b:a', '16k', path('voice.ogg')),
    // The same sound as a video's soundtrack, AAC at 48 kbit/s.
    ffmpeg(...video, '-i', path('original.wav'), ...h264, '-c:a', 'aac', '-b:a', '48k', '-shortest', path('clip.mp4')),
    ffmpeg(...video, ...h264, path('silent.mp4')),
    ffmpeg('-f', 'lavfi', '-i', OTHER_SWEEP, '-c:a', 'libopus', '-b:a', '24k', path('other.ogg')),
  ]);

  store = await freshStore();
  await store.createBank({ name: 'NASHEEDS' });
  // Banked the way an operator does: the text `rasd hash` prints, checked as `rasd bank add` checks it.
  const banked = serializeFingerprint((await fingerprintAudio(path('original.wav'))).fingerprint);
  const checked = checkSignalValue('audio-fingerprint', banked);
  if (!('value' in checked)) throw new Error(checked.error);
  await store.addBankEntries('NASHEEDS', [
    { signalType: 'audio-fingerprint', value: checked.value, org: 'demo-org', source: 'test', addedBy: 'test' },
  ]);
  banks = new MediaBanks({ store, refreshSeconds: 60 });
  provider = mediaBankProvider(banks, { maxFileBytes: 10_000_000 });
});

afterAll(async () => {
  await banks.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function scan(media: Partial<MediaRef>): Promise<Signal[]> {
  const item = itemSchema.parse({
    chat: { id: '-100' },
    messageId: '1',
    postedAt: '2024-10-01T00:00:00Z',
    text: '',
    media: [{ status: 'present', ...media }],
  });
  return provider.provide(extractScanInput(item));
}

const features = (s: Signal | undefined): string[] =>
  (s?.evidence ?? []).flatMap((e) => (e.type === 'feature' ? [e.name] : []));

describe('media-bank provider: audio fingerprints', () => {
  it('finds a re-encoded voice message cut by 2.5 s, naming the trim and the bit error rate', async () => {
    const [s, ...rest] = await scan({ kind: 'voice', path: path('voice.ogg') });
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      provider: 'media-bank',
      kind: 'bank-match',
      label: 'audio-fingerprint',
      org: 'demo-org',
      tactic: 'near-duplicate-reupload',
      evidence: [{ type: 'entry', entry: expect.stringMatching(/^be_/), source: 'NASHEEDS' }, {}, {}],
    });
    const [trim, rate] = features(s);
    const seconds = Number(/^trimmed by (\d+\.\d) s$/.exec(trim ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(2.3);
    expect(seconds).toBeLessThanOrEqual(2.7);
    expect(rate).toMatch(/^bit error rate 0\.\d{3} over 1\d\.\d s$/);
    const entry = s?.evidence[0];
    const distance = entry?.type === 'entry' ? (entry.distance ?? 1) : 1;
    // A re-encode flips a few bits per item, never most of them.
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThan(0.15);
    expect(s?.score).toBeGreaterThanOrEqual(0.6);
  });

  it("finds the banked sound as a video's soundtrack, aligned at the start", async () => {
    const signals = await scan({ kind: 'video', path: path('clip.mp4') });
    expect(signals.map((s) => s.label)).toEqual(['audio-fingerprint']);
    expect(features(signals[0])[0]).toBe('aligned');
  });

  it('does not match an unrelated sweep', async () => {
    expect(await scan({ kind: 'audio', path: path('other.ogg') })).toEqual([]);
  });

  it('skips a video without a soundtrack instead of failing the item', async () => {
    expect(await scan({ kind: 'animation', path: path('silent.mp4') })).toEqual([]);
  });

  it('stops matching when the bank is disabled', async () => {
    await store.setBankEnabled('NASHEEDS', false);
    await banks.refresh();
    expect(banks.hasAudioEntries).toBe(false);
    expect(await scan({ kind: 'voice', path: path('voice.ogg') })).toEqual([]);
    await store.setBankEnabled('NASHEEDS', true);
    await banks.refresh();
    expect(await scan({ kind: 'voice', path: path('voice.ogg') })).toHaveLength(1);
  });
});

describe('isAudio', () => {
  it('takes voice and audio kinds, audio/* types and audio-named documents, not videos or photos', () => {
    const ref = (r: Partial<MediaRef>): MediaRef => ({ kind: 'document', status: 'present', ...r });
    expect(isAudio(ref({ kind: 'voice' }))).toBe(true);
    expect(isAudio(ref({ kind: 'audio' }))).toBe(true);
    expect(isAudio(ref({ mime: 'audio/ogg' }))).toBe(true);
    expect(isAudio(ref({ path: 'speech.MP3' }))).toBe(true);
    expect(isAudio(ref({ path: 'notes.pdf' }))).toBe(false);
    expect(isAudio(ref({ kind: 'video' }))).toBe(false);
    expect(isAudio(ref({ kind: 'voice', mime: 'video/mp4' }))).toBe(false);
    expect(isAudio(ref({ kind: 'photo', path: 'cover.mp3' }))).toBe(false);
  });
});
