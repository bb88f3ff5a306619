import { describe, expect, it } from 'vitest';
import { chunkKey, chunkLayout } from './chunk-layout.js';
import { binomial, flipMasks, MAX_FLIP_MASKS } from './flip-masks.js';
import { prefixBitsFor } from './mih-segment.js';
import { pdqWords } from './pdq-words.js';
import { planSearch, planUnits } from './search-plan.js';

const shape = (chunks: number, n: number) =>
  chunkLayout(chunks).map((c) => ({ bits: c.bits, prefixBits: prefixBitsFor(c.bits, n) }));

describe('chunkLayout and chunkKey', () => {
  it('cuts 256 bits into contiguous chunks, the first ones a bit wider', () => {
    const layout = chunkLayout(11);
    expect(layout.map((c) => c.bits)).toEqual([24, 24, 24, 23, 23, 23, 23, 23, 23, 23, 23]);
    let end = 0;
    for (const c of layout) {
      expect(c.start).toBe(end);
      end += c.bits;
    }
    expect(end).toBe(256);
    expect(chunkLayout(16).every((c) => c.bits === 16)).toBe(true);
    expect(() => chunkLayout(33)).toThrow(/8 to 32 chunks/);
  });

  it('reads bits big-endian, across word boundaries', () => {
    const w = pdqWords('0123456789abcdef'.repeat(4));
    expect(chunkKey(w, 0, 0, 24)).toBe(0x012345);
    expect(chunkKey(w, 0, 24, 24)).toBe(0x6789ab);
    expect(chunkKey(w, 0, 28, 8)).toBe(0x78);
    expect(chunkKey(w, 0, 0, 32)).toBe(0x01234567);
    expect(chunkKey(w, 0, 4, 32)).toBe(0x12345678);
    expect(chunkKey(w, 0, 224, 32)).toBe(0x89abcdef);
  });
});

describe('flipMasks', () => {
  it('lists every mask with exactly that many bits, once', () => {
    for (const [bits, flips] of [
      [0, 0],
      [5, 0],
      [5, 2],
      [12, 3],
      [20, 1],
    ] as const) {
      const masks = Array.from(flipMasks(bits, flips));
      expect(masks).toHaveLength(binomial(bits, flips));
      expect(new Set(masks).size).toBe(masks.length);
      for (const m of masks) {
        expect(m < 2 ** bits || bits === 0).toBe(true);
        expect([...m.toString(2)].filter((c) => c === '1')).toHaveLength(flips);
      }
    }
  });

  it('refuses enumerations past the cap', () => {
    expect(binomial(32, 16)).toBeGreaterThan(MAX_FLIP_MASKS);
    expect(() => flipMasks(32, 16)).toThrow(RangeError);
  });
});

describe('planSearch', () => {
  it('always plans enough units to be exact, at every radius', () => {
    for (const chunks of [8, 11, 16, 32]) {
      for (const n of [2_000, 10_000_000]) {
        for (let radius = 0; radius <= 64; radius++) {
          const plan = planSearch(shape(chunks, n), n, radius);
          if (plan.kind === 'mih') expect(planUnits(plan.thresholds)).toBeGreaterThanOrEqual(radius + 1);
        }
      }
    }
  });

  it('uses MIH at 10 M hashes, probing fewer chunks than there are at small radii', () => {
    const big = shape(11, 10_000_000);
    const at31 = planSearch(big, 10_000_000, 31);
    expect(at31.kind).toBe('mih');
    if (at31.kind === 'mih') expect(planUnits(at31.thresholds)).toBe(32);
    const at4 = planSearch(big, 10_000_000, 4);
    if (at4.kind !== 'mih') throw new Error('expected MIH');
    expect(Array.from(at4.thresholds).filter((r) => r >= 0)).toHaveLength(5);
  });

  it('scans when there is little to scan, or when the radius makes MIH pointless', () => {
    expect(planSearch(shape(11, 50), 50, 31).kind).toBe('scan');
    expect(planSearch(shape(11, 100_000), 100_000, 200).kind).toBe('scan');
  });
});
