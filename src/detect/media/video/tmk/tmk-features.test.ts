import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../core/index.js';
import { seededRandom } from '../../../text/classifier/random.js';
import { TmkAccumulator } from './tmk-features.js';
import { readTmk, writeTmk } from './tmk-format.js';
import { tmkScores } from './tmk-score.js';

/** Deterministic numbers in [-1, 1) from the project's one seeded PRNG, so failures reproduce. */
function random(seed: number): () => number {
  const next = seededRandom(seed);
  return () => next() * 2 - 1;
}

/**
 * A synthetic "video": 256-dim features that drift as a random walk around a fixed mean, like
 * PDQF of a slowly changing scene, with occasional cuts to a new scene.
 */
function syntheticFrames(count: number, seed: number): Float32Array[] {
  const next = random(seed);
  const base = Float32Array.from({ length: 256 }, () => next() * 50);
  let current = base.slice();
  const frames: Float32Array[] = [];
  for (let t = 0; t < count; t++) {
    if (t % 60 === 0) current = base.map((b) => b + next() * 400);
    current = current.map((v) => v + next() * 20);
    frames.push(current.slice());
  }
  return frames;
}

function hashOf(frames: Float32Array[]) {
  const accumulator = new TmkAccumulator();
  for (const frame of frames) accumulator.ingest(frame);
  return accumulator.finish();
}

describe('TmkAccumulator', () => {
  const frames = syntheticFrames(300, 1);
  const hash = hashOf(frames);

  it('counts frames and keeps the TMK+PDQF parameters', () => {
    expect(hash.frameFeatureCount).toBe(300);
    expect(hash.algorithm).toBe('PDQF');
    expect(hash.framesPerSecond).toBe(15);
    expect([...hash.periods]).toEqual([2731, 4391, 9767, 14653]);
    expect(hash.fourierCoefficients).toHaveLength(32);
  });

  it('keeps the raw (unnormalised) mean as the pure-average feature', () => {
    for (const k of [0, 17, 255]) {
      const mean = frames.reduce((sum, f) => sum + f[k]!, 0) / frames.length;
      expect(hash.pureAverageFeature[k]).toBeCloseTo(mean, 2);
    }
  });

  it('weights each cos/sin feature to norm √a_j, so a hash scores 1 against itself', () => {
    const d = 256;
    const norm = (start: number) => Math.hypot(...hash.cosFeatures.subarray(start, start + d));
    expect(norm(5 * d) ** 2).toBeCloseTo(hash.fourierCoefficients[5]!, 6);
    expect(hash.sinFeatures.subarray(0, d).every((v) => v === 0)).toBe(true);
    const { level1, level2 } = tmkScores(hash, hash);
    expect(level1).toBeCloseTo(1, 6);
    expect(level2).toBeCloseTo(1, 5);
  });

  it('survives a write/read round trip unchanged', () => {
    expect(writeTmk(readTmk(writeTmk(hash))).equals(writeTmk(hash))).toBe(true);
  });

  it('finds a clip whose start was trimmed (level 2 aligns time offsets)', () => {
    const trimmed = hashOf(frames.slice(15));
    const { level1, level2 } = tmkScores(hash, trimmed);
    expect(level1).toBeGreaterThan(0.98);
    expect(level2).toBeGreaterThan(0.9);
  });

  it('sees order: a reversed 100-second video keeps level 1 but fails level 2', () => {
    // The periods are thousands of frames long, so in a 20-second clip the low Fourier terms
    // barely turn and order hardly shows; it does over 1500 frames.
    const long = syntheticFrames(1500, 3);
    const forward = hashOf(long);
    const backward = tmkScores(forward, hashOf(long.slice().reverse()));
    expect(backward.level1).toBeCloseTo(1, 5);
    expect(backward.level2).toBeLessThan(0.5);
    expect(tmkScores(forward, hashOf(long.slice(15))).level2).toBeGreaterThan(0.99);
  });

  it('scores unrelated synthetic videos low on level 2', () => {
    expect(tmkScores(hash, hashOf(syntheticFrames(300, 2))).level2).toBeLessThan(0.3);
  });
});

describe('TmkAccumulator edge cases', () => {
  it('an empty video gives an all-zero hash with count 0, as the reference writes it', () => {
    const empty = new TmkAccumulator().finish();
    expect(empty.frameFeatureCount).toBe(0);
    expect(empty.pureAverageFeature.every((v) => v === 0)).toBe(true);
    expect(empty.cosFeatures.every((v) => v === 0)).toBe(true);
    expect(writeTmk(empty)).toHaveLength(263344);
  });

  it('an all-zero frame feature is counted but adds nothing', () => {
    const accumulator = new TmkAccumulator();
    accumulator.ingest(new Float32Array(256));
    const hash = accumulator.finish();
    expect(hash.frameFeatureCount).toBe(1);
    expect(hash.cosFeatures.every((v) => v === 0)).toBe(true);
  });

  it('refuses a feature of the wrong size and use after finish', () => {
    const accumulator = new TmkAccumulator();
    expect(() => accumulator.ingest(new Float32Array(255))).toThrow(AppError);
    accumulator.finish();
    expect(() => accumulator.ingest(new Float32Array(256))).toThrow(/finished/);
    expect(() => accumulator.finish()).toThrow(/already finished/);
  });
});
