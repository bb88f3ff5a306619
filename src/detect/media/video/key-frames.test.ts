import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractKeyFrames } from './key-frames.js';
import { makeTestVideo } from './test-videos.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-key-frames-'));
const LIMITS = { timeoutMs: 30_000, maxInputBytes: 64 * 1024 * 1024 };
let moving: string;
let still: string;

beforeAll(async () => {
  moving = await makeTestVideo(join(dir, 'moving.mp4'), 'testsrc2=duration=6:size=320x180:rate=10');
  still = await makeTestVideo(join(dir, 'still.mp4'), 'color=c=white:size=320x180:rate=10:duration=6');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('extractKeyFrames', () => {
  it('takes the middle frame of each equal part of the video, as PNGs', async () => {
    const frames = await extractKeyFrames(moving, { count: 3, ...LIMITS });
    expect(frames.map((f) => f.timestamp)).toEqual([1, 3, 5]);
    const meta = await sharp(frames[0]?.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 180]);
  });

  it('drops frames that repeat the picture before them', async () => {
    const frames = await extractKeyFrames(still, { count: 3, ...LIMITS });
    expect(frames.map((f) => f.timestamp)).toEqual([1]);
  });

  it('scales large frames down, aspect kept', async () => {
    const frames = await extractKeyFrames(moving, { count: 1, maxSide: 160, ...LIMITS });
    expect(frames.map((f) => f.timestamp)).toEqual([3]);
    const meta = await sharp(frames[0]?.png).metadata();
    expect([meta.width, meta.height]).toEqual([160, 90]);
  });

  it('refuses a file that is not a video, and one over the byte cap', async () => {
    const junk = join(dir, 'junk.mp4');
    writeFileSync(junk, 'not a video at all');
    await expect(extractKeyFrames(junk, { ...LIMITS })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(extractKeyFrames(moving, { ...LIMITS, maxInputBytes: 10 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });
});
