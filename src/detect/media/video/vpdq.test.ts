import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_FRAME } from './frames.js';
import { makeTestVideo } from './test-videos.js';
import { hashVideo } from './vpdq.js';
import { formatVpdq, parseVpdq } from './vpdq-format.js';
import { isVpdqMatch, matchVpdq } from './vpdq-match.js';

describe('hashVideo', () => {
  let dir: string;
  let clip: string; // testsrc: moving, detailed
  let still: string; // colour bars that never change
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rasd-vpdq-'));
    clip = await makeTestVideo(join(dir, 'clip.mp4'), 'testsrc=size=320x240:rate=10:duration=4');
    still = await makeTestVideo(join(dir, 'still.mp4'), 'smptebars=size=320x240:rate=10:duration=3');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes one frame a second into well-formed frames that survive the text form', async () => {
    const frames = await hashVideo(clip);
    expect(frames.map((f) => [f.frame, f.timestamp])).toEqual([
      [0, 0],
      [10, 1],
      [20, 2],
      [30, 3],
    ]);
    for (const f of frames) {
      expect(f.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(f.quality).toBeGreaterThanOrEqual(50);
    }
    expect(parseVpdq(formatVpdq(frames))).toEqual(frames);
  });

  it('is deterministic, and matches its own re-encode at a lower quality', async () => {
    const again = await makeTestVideo(join(dir, 'again.mp4'), 'testsrc=size=320x240:rate=10:duration=4', [
      '-crf',
      '40',
    ]);
    const first = await hashVideo(clip, { framesPerSecond: EVERY_FRAME });
    expect(await hashVideo(clip, { framesPerSecond: EVERY_FRAME })).toEqual(first);
    expect(isVpdqMatch(matchVpdq(await hashVideo(again, { framesPerSecond: EVERY_FRAME }), first))).toBe(true);
  });

  it('prunes a still video to one frame by default, and keeps all with pruneDistance -1', async () => {
    expect(await hashVideo(still, { framesPerSecond: EVERY_FRAME })).toHaveLength(1);
    expect(await hashVideo(still, { framesPerSecond: EVERY_FRAME, pruneDistance: -1 })).toHaveLength(30);
  });

  it('tells a different video apart', async () => {
    const frames = await hashVideo(clip, { framesPerSecond: EVERY_FRAME });
    const other = await hashVideo(still, { framesPerSecond: EVERY_FRAME });
    expect(isVpdqMatch(matchVpdq(frames, other))).toBe(false);
  });

  it('gives frames too small to hash the empty hash with quality 0, as the reference', async () => {
    const frames = await hashVideo(clip, { downsample: 4 });
    expect(frames).toEqual([{ frame: 0, quality: 0, hash: '0'.repeat(64), timestamp: 0 }]);
  });

  it('rejects a corrupt video with a clear INPUT_INVALID', async () => {
    const junk = join(dir, 'junk.mp4');
    writeFileSync(junk, randomBytes(20_000));
    await expect(hashVideo(junk)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      detail: expect.stringMatching(/junk\.mp4 is not a readable video/),
    });
  });
});
