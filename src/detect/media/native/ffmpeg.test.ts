import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo } from '../video/test-videos.js';
import { type DecodeFramesOptions, decodeFrames, probeVideo, type RgbFrame } from './ffmpeg.js';
import { runProcess } from './run-process.js';

const limits = { timeoutMs: 30_000, maxInputBytes: 100 << 20 };

function options(overrides: Partial<DecodeFramesOptions> = {}): DecodeFramesOptions {
  return { ...limits, width: 160, height: 120, sampling: { everyNth: 1 }, maxFrames: 1000, ...overrides };
}

async function collect(path: string, overrides: Partial<DecodeFramesOptions> = {}): Promise<RgbFrame[]> {
  const frames: RgbFrame[] = [];
  const count = await decodeFrames(path, options(overrides), (frame) => {
    frames.push(frame);
  });
  expect(count).toBe(frames.length);
  return frames;
}

/** Processes whose command line names `needle` (our temp dir): none may outlive a failed call. */
function processesNaming(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1] ?? '';
      if (cmdline.includes(needle) && !state.startsWith('Z')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('ffmpeg', () => {
  let dir: string;
  let clip: string; // 160×120, 10 fps, 3 s → 30 frames
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rasd-ffmpeg-'));
    clip = await makeTestVideo(join(dir, 'clip.mp4'), 'testsrc=size=160x120:rate=10:duration=3');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('probes size, frame rate, codec and duration', async () => {
    const probe = await probeVideo(clip, limits);
    expect(probe).toMatchObject({ width: 160, height: 120, frameRate: 10, codec: 'h264' });
    expect(probe.durationSeconds).toBeCloseTo(3, 1);
  });

  it('decodes every frame at native size as packed RGB', async () => {
    const frames = await collect(clip);
    expect(frames).toHaveLength(30);
    expect(frames.map((f) => f.ordinal)).toEqual([...Array(30).keys()]);
    for (const f of frames) expect([f.width, f.height, f.pixels.length]).toEqual([160, 120, 160 * 120 * 3]);
    // testsrc moves: consecutive frames differ.
    expect(Buffer.from(frames[0]!.pixels).equals(Buffer.from(frames[1]!.pixels))).toBe(false);
  });

  it('keeps every nth frame, or resamples to a rate, and scales', async () => {
    expect(await collect(clip, { sampling: { everyNth: 4 } })).toHaveLength(8);
    const small = await collect(clip, { width: 32, height: 16, sampling: { everyNth: 10 } });
    expect(small.map((f) => f.pixels.length)).toEqual([32 * 16 * 3, 32 * 16 * 3, 32 * 16 * 3]);
  });

  it('resamples to a rate exactly as the TMK reference command line does', async () => {
    // tmk-hash-video runs: ffmpeg -nostdin -i IN -s 64:64 -an -f rawvideo -c:v rawvideo -pix_fmt rgb24 -r 15 pipe:1
    const reference = await runProcess(
      'ffmpeg',
      ['-nostdin', '-loglevel', 'error', '-i', clip, '-s', '64:64', '-an', '-f', 'rawvideo'].concat([
        '-c:v',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-r',
        '15',
        'pipe:1',
      ]),
      { timeoutMs: 30_000, maxStdoutBytes: 64 << 20 },
    );
    const ours = await collect(clip, { width: 64, height: 64, sampling: { fps: 15 }, scaleFlags: 'bicubic' });
    expect(ours.length).toBe(reference.stdout.length / (64 * 64 * 3));
    expect(ours.length).toBeGreaterThanOrEqual(45);
    expect(Buffer.concat(ours.map((f) => f.pixels)).equals(reference.stdout)).toBe(true);
  });

  it('gives channels in R, G, B order', async () => {
    for (const [colour, rgb] of [
      ['red', [255, 0, 0]],
      ['blue', [0, 0, 255]],
    ] as const) {
      const path = await makeTestVideo(join(dir, `${colour}.mp4`), `color=c=${colour}:size=64x48:rate=5:duration=1`);
      const [first] = await collect(path, { width: 64, height: 48 });
      const mid = (24 * 64 + 32) * 3;
      const pixel = [...first!.pixels.subarray(mid, mid + 3)];
      for (const [i, value] of pixel.entries()) expect(Math.abs(value - rgb[i]!)).toBeLessThanOrEqual(4);
    }
  });

  it('refuses more frames than the cap instead of cutting the video short', async () => {
    expect(await collect(clip, { maxFrames: 30 })).toHaveLength(30);
    await expect(collect(clip, { maxFrames: 10 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      detail: expect.stringMatching(/more than 10 sampled frames/),
    });
  });

  it('times out, killing ffmpeg, when decoding takes too long', async () => {
    const long = await makeTestVideo(join(dir, 'long.mp4'), 'testsrc=size=320x240:rate=30:duration=20');
    const started = Date.now();
    const slow = decodeFrames(long, options({ width: 320, height: 240, timeoutMs: 300 }), () => sleep(50));
    await expect(slow).rejects.toMatchObject({ code: 'PROVIDER_FAILED', detail: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(5_000);
    await sleep(200);
    expect(processesNaming(long)).toEqual([]);
  });

  it('rejects a corrupt file, a non-video and an audio-only file with INPUT_INVALID', async () => {
    const junk = join(dir, 'junk.mp4');
    writeFileSync(junk, randomBytes(50_000));
    await expect(probeVideo(junk, limits)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      detail: expect.stringMatching(/not a readable video/),
    });
    await expect(collect(junk)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a video at all\n');
    await expect(probeVideo(text, limits)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    const audio = join(dir, 'tone.m4a');
    const made = await runProcess(
      'ffmpeg',
      ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', audio],
      { timeoutMs: 30_000, maxStdoutBytes: 1 << 16 },
    );
    expect(made.code).toBe(0);
    await expect(probeVideo(audio, limits)).rejects.toMatchObject({ detail: expect.stringMatching(/no video stream/) });
  });

  it('treats every input as a local path and checks its size first', async () => {
    await expect(probeVideo(join(dir, 'absent.mp4'), limits)).rejects.toMatchObject({ code: 'MEDIA_MISSING' });
    // Never fetched: ffmpeg would otherwise open it as a URL.
    await expect(probeVideo('http://127.0.0.1:9/x.mp4', limits)).rejects.toMatchObject({ code: 'MEDIA_MISSING' });
    await expect(probeVideo(dir, limits)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(probeVideo(clip, { ...limits, maxInputBytes: 1000 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      detail: expect.stringMatching(/over the limit of 1000/),
    });
  });

  it('never follows a playlist out to the network', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const playlist = join(dir, 'remote.m3u8');
    writeFileSync(
      playlist,
      `#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3,\nhttp://127.0.0.1:${port}/seg.ts\n#EXT-X-ENDLIST\n`,
    );
    try {
      await expect(probeVideo(playlist, limits)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      await expect(collect(playlist)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('refuses impossible frame sizes and steps before starting ffmpeg', async () => {
    await expect(collect(clip, { width: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID', pointer: 'width' });
    await expect(collect(clip, { sampling: { everyNth: 0 } })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(collect(clip, { sampling: { fps: Number.NaN } })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
