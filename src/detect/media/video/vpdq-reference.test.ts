import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVERY_FRAME } from './frames.js';
import { hammingDistance, hashBits } from './hash-bits.js';
import { readReferenceText, SAMPLE_VIDEOS } from './test-data.js';
import { hashVideo } from './vpdq.js';
import { parseVpdq } from './vpdq-format.js';
import type { VpdqFrame } from './vpdq-frame.js';
import { isVpdqMatch, matchVpdq } from './vpdq-match.js';
import { pruneVpdq } from './vpdq-prune.js';

/**
 * End to end against Meta's vPDQ sample hashes (vpdq/sample-hashes, every frame, native size or
 * `-s 128`) for a few of the TMK sample videos; all of them take minutes, these take seconds.
 */
const SLOW = 180_000;

const video = (name: string) => resolve(SAMPLE_VIDEOS, `${name}.mp4`);
const reference = (name: string) => parseVpdq(readReferenceText(name));

/** Upstream's own regression check (match-hashes-byline): same frames, each within distance 31. */
function expectLineByLine(ours: VpdqFrame[], theirs: VpdqFrame[]): void {
  expect(ours.map((f) => [f.frame, f.timestamp])).toEqual(theirs.map((f) => [f.frame, f.timestamp]));
  ours.forEach((f, i) => {
    const t = theirs[i] as VpdqFrame;
    if (f.quality < 50 || t.quality < 50) return;
    expect(hammingDistance(hashBits(f.hash), hashBits(t.hash)), `frame ${f.frame}`).toBeLessThan(31);
  });
}

function expectVpdqMatch(ours: VpdqFrame[], theirs: VpdqFrame[]): void {
  const result = matchVpdq(ours, theirs);
  expect(isVpdqMatch(result), JSON.stringify(result)).toBe(true);
}

describe('hashVideo against the vPDQ reference hashes', () => {
  it(
    'reproduces pattern-sd-with-small-logo-bar bit for bit, and still matches once pruned',
    async () => {
      const ours = await hashVideo(video('pattern-sd-with-small-logo-bar'), {
        framesPerSecond: EVERY_FRAME,
        pruneDistance: -1,
      });
      const theirs = reference('pattern-sd-with-small-logo-bar');
      // @NOTE exact only while ffmpeg's C swscale is unchanged (Debian 5.1 here); the vPDQ criterion
      // below is the contract, this line tells you when a new ffmpeg moved pixels.
      expect(ours).toEqual(theirs);
      expectVpdqMatch(pruneVpdq(ours, 8), theirs);
    },
    SLOW,
  );

  it.each(['doorknob-hd-no-bar', 'test-padded-dimensions'])(
    'matches %s frame by frame and as a whole',
    async (name) => {
      const ours = await hashVideo(video(name), { framesPerSecond: EVERY_FRAME, pruneDistance: -1 });
      const theirs = reference(name);
      expectLineByLine(ours, theirs);
      expectVpdqMatch(ours, theirs);
    },
    SLOW,
  );

  it(
    'matches the 128×128-downsampled reference of chair-19-sd-bar',
    async () => {
      const ours = await hashVideo(video('chair-19-sd-bar'), {
        framesPerSecond: EVERY_FRAME,
        downsample: 128,
        pruneDistance: -1,
      });
      const theirs = reference('chair-19-sd-bar-128x128');
      expectLineByLine(ours, theirs);
      expectVpdqMatch(ours, theirs);
    },
    SLOW,
  );

  it(
    'samples one frame a second exactly where the reference would',
    async () => {
      const ours = await hashVideo(video('chair-22-sd-sepia-bar'), { pruneDistance: -1 });
      const theirs = reference('chair-22-sd-sepia-bar').filter((f) => f.frame % 30 === 0);
      expect(ours).toHaveLength(23);
      expectLineByLine(ours, theirs);
      expectVpdqMatch(ours, theirs);
    },
    SLOW,
  );
});
