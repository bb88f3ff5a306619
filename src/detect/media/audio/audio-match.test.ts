import { describe, expect, it } from 'vitest';
import { AUDIO_MATCH_THRESHOLD, matchAudio } from './audio-match.js';

/** Deterministic pseudo-random items (xorshift32), so a failure reproduces. */
function randomPrint(length: number, seed: number): Uint32Array {
  const out = new Uint32Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x >>> 0;
  }
  return out;
}

/** Flips `bits` distinct low-order bits in every item: a stand-in for re-encoding noise. */
function flipBits(print: Uint32Array, bits: number): Uint32Array {
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  return print.map((item) => (item ^ mask) >>> 0);
}

describe('matchAudio', () => {
  it('scores an identical print 1 at offset 0', () => {
    const a = randomPrint(200, 7);
    expect(matchAudio(a, a)).toEqual({ score: 1, offset: 0, overlap: 200, matched: true });
  });

  it('finds a copy trimmed at the start at a positive offset', () => {
    const a = randomPrint(200, 11);
    const trimmed = a.slice(23);
    const result = matchAudio(a, trimmed);
    expect(result).toMatchObject({ score: 1, offset: 23, overlap: 177, matched: true });
  });

  it('finds the original inside a longer copy at a negative offset (search runs both ways)', () => {
    const a = randomPrint(150, 13);
    const longer = new Uint32Array([...randomPrint(30, 99), ...a]);
    expect(matchAudio(a, longer)).toMatchObject({ score: 1, offset: -30, overlap: 150, matched: true });
  });

  it('measures the bit error rate exactly: 4 flipped bits of 32 per item give 0.875', () => {
    const a = randomPrint(100, 17);
    const result = matchAudio(a, flipBits(a, 4));
    expect(result.score).toBeCloseTo(0.875, 10);
    expect(result.offset).toBe(0);
  });

  it('keeps a noisy copy above the threshold and rejects it when the threshold is raised', () => {
    const a = randomPrint(120, 19);
    const noisy = flipBits(a.slice(10), 3);
    expect(matchAudio(a, noisy).matched).toBe(true);
    expect(matchAudio(a, noisy, { threshold: 0.95 }).matched).toBe(false);
  });

  it('does not match unrelated prints: chance agreement stays near 0.5', () => {
    const result = matchAudio(randomPrint(300, 23), randomPrint(300, 29));
    expect(result.score).toBeGreaterThan(0.4);
    expect(result.score).toBeLessThan(0.6);
    expect(result.score).toBeLessThan(AUDIO_MATCH_THRESHOLD);
    expect(result.matched).toBe(false);
  });

  it('ignores offsets whose overlap is below the minimum, even when they agree perfectly', () => {
    const a = randomPrint(100, 31);
    // b shares only its first 12 items with a's last 12: too short to count at the default 40.
    const b = new Uint32Array([...a.slice(88), ...randomPrint(88, 37)]);
    const result = matchAudio(a, b);
    expect(result.offset).not.toBe(88);
    expect(result.matched).toBe(false);
    expect(matchAudio(a, b, { minOverlap: 12 })).toMatchObject({ score: 1, offset: 88, overlap: 12, matched: true });
  });

  it('lets a print shorter than the minimum overlap match when it overlaps whole', () => {
    const a = randomPrint(200, 41);
    const voiceNote = a.slice(50, 75);
    expect(matchAudio(a, voiceNote)).toMatchObject({ score: 1, offset: 50, overlap: 25, matched: true });
  });

  it('never matches prints under the one-second floor, nor empty ones', () => {
    const a = randomPrint(200, 43);
    expect(matchAudio(a, a.slice(0, 5))).toEqual({ score: 0, offset: 0, overlap: 0, matched: false });
    expect(matchAudio(new Uint32Array(0), new Uint32Array(0)).matched).toBe(false);
  });

  it('bounds the search with maxOffset', () => {
    const a = randomPrint(200, 47);
    expect(matchAudio(a, a.slice(60), { maxOffset: 30 }).matched).toBe(false);
    expect(matchAudio(a, a.slice(60), { maxOffset: 60 })).toMatchObject({ offset: 60, matched: true });
  });
});
