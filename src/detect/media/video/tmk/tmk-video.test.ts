import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../core/index.js';
import { referenceTmk, referenceTmkFiles, sampleVideo } from './testing.js';
import { writeTmk } from './tmk-format.js';
import { tmkScores } from './tmk-score.js';
import { hashVideoTmk } from './tmk-video.js';

// A few short videos cover SD with letterbox bars, HD landscape, HD portrait-grey and an odd
// frame size; all 14 sample videos were measured once for the report (all byte-identical).
const VIDEOS = [
  'doorknob-hd-no-bar',
  'pattern-sd-grey-bar',
  'pattern-sd-with-small-logo-bar',
  'test-padded-dimensions',
];

describe('hashVideoTmk against Meta’s reference .tmk files', () => {
  it.each(VIDEOS)('%s: level 1 and level 2 ≥ 0.99, and the file is byte-identical', async (name) => {
    const ours = await hashVideoTmk(sampleVideo(name));
    const reference = referenceTmk(name);
    const { level1, level2 } = tmkScores(ours, reference);
    expect(level1).toBeGreaterThanOrEqual(0.99);
    expect(level2).toBeGreaterThanOrEqual(0.99);
    expect(ours.frameFeatureCount).toBe(reference.frameFeatureCount);
    expect(writeTmk(ours).equals(readFileSync(referenceTmkFiles().get(name)!))).toBe(true);
  });

  it('tells a different video apart', async () => {
    const ours = await hashVideoTmk(sampleVideo('doorknob-hd-no-bar'));
    const { level2 } = tmkScores(ours, referenceTmk('pattern-hd-no-bar'));
    expect(level2).toBeLessThan(0.3);
  });
});

describe('hashVideoTmk limits and errors', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rasd-tmk-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a video with more resampled frames than maxFrames, rather than hashing part of it', async () => {
    // doorknob has 62 frames at 15 fps.
    await expect(hashVideoTmk(sampleVideo('doorknob-hd-no-bar'), { limits: { maxFrames: 30 } })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });

  it('refuses a file that is not a video', async () => {
    const path = join(dir, 'not-a-video.mp4');
    writeFileSync(path, 'this is text, not H.264');
    const error = await hashVideoTmk(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INPUT_INVALID');
  });

  it('reports a missing file as MEDIA_MISSING', async () => {
    await expect(hashVideoTmk(join(dir, 'absent.mp4'))).rejects.toMatchObject({ code: 'MEDIA_MISSING' });
  });
});
