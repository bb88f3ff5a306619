import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_FRAME, type FrameOptions, forEachVideoFrame, type VideoFrame } from './frames.js';
import { makeTestVideo } from './test-videos.js';

async function frames(path: string, options: FrameOptions = {}): Promise<VideoFrame[]> {
  const out: VideoFrame[] = [];
  await forEachVideoFrame(path, options, (frame) => {
    out.push(frame);
  });
  return out;
}

describe('forEachVideoFrame', () => {
  let dir: string;
  let clip: string; // 160×120, 10 fps, 3 s
  let ntsc: string; // 64×48, 29.97 fps, 3 s
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rasd-frames-'));
    clip = await makeTestVideo(join(dir, 'clip.mp4'), 'testsrc=size=160x120:rate=10:duration=3');
    ntsc = await makeTestVideo(join(dir, 'ntsc.mp4'), 'testsrc=size=64x48:rate=30000/1001:duration=3');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('samples one frame a second by default, numbered and timed as decoded', async () => {
    const got = await frames(clip);
    expect(got.map((f) => [f.frame, f.timestamp])).toEqual([
      [0, 0],
      [10, 1],
      [20, 2],
    ]);
    expect(got.every((f) => f.width === 160 && f.height === 120 && f.pixels.length === 160 * 120 * 3)).toBe(true);
  });

  it('keeps every frame with EVERY_FRAME and every nth for other rates', async () => {
    const all = await frames(clip, { framesPerSecond: EVERY_FRAME });
    expect(all.map((f) => f.frame)).toEqual([...Array(30).keys()]);
    expect(all[7]?.timestamp).toBe(0.7);
    // 10 fps ÷ 2.5 per second = every 4th frame.
    expect((await frames(clip, { framesPerSecond: 2.5 })).map((f) => f.frame)).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
  });

  it('truncates the step and times frames at 29.97 fps as the reference does', async () => {
    const got = await frames(ntsc);
    // int(1 s × 29.97) = 29, so frames 0, 29, 58, 87; timestamps frame × 1001 / 30000 to the millisecond.
    expect(got.map((f) => f.frame)).toEqual([0, 29, 58, 87]);
    expect(got.map((f) => f.timestamp)).toEqual([0, 0.968, 1.935, 2.903]);
  });

  it('downsamples to N×N, and shrinks frames over the pixel limit keeping their shape', async () => {
    const square = await frames(clip, { downsample: 16 });
    expect(square.map((f) => [f.width, f.height, f.pixels.length])).toEqual(Array(3).fill([16, 16, 16 * 16 * 3]));
    const shrunk = await frames(clip, { limits: { maxFramePixels: 4800 } });
    expect([shrunk[0]?.width, shrunk[0]?.height]).toEqual([80, 60]);
  });

  it('refuses bad options with INPUT_INVALID', async () => {
    await expect(frames(clip, { framesPerSecond: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(frames(clip, { downsample: 1.5 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(frames(clip, { limits: { maxFrames: 0 } })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      pointer: 'limits.maxFrames',
    });
  });

  it('fails over the frame cap and when the time limit runs out', async () => {
    await expect(frames(clip, { framesPerSecond: EVERY_FRAME, limits: { maxFrames: 29 } })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    const slow = forEachVideoFrame(clip, { framesPerSecond: EVERY_FRAME, limits: { timeoutMs: 400 } }, () =>
      sleep(100),
    );
    await expect(slow).rejects.toMatchObject({ code: 'PROVIDER_FAILED', detail: expect.stringMatching(/timed out/) });
  });
});
