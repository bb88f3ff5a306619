import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashHexFromDct, pdqHammingDistance, pdqHashNorm, ZERO_HASH } from './hex.js';
import { torbenMedian } from './median.js';

describe('hash bits and hex', () => {
  it('sets bit i·16+j for coefficients above the median and prints word 15 first', () => {
    // Values 0..255: the median is 127, so rows 8..15 (indexes 128..255) are set.
    const dct = Float32Array.from({ length: 256 }, (_, i) => i);
    expect(hashHexFromDct(dct)).toBe('ffff'.repeat(8) + '0000'.repeat(8));
    // Column j of a row is bit j of its word: only column 0 of row 15 above the median.
    const one = new Float32Array(256);
    one[15 * 16] = 1;
    expect(hashHexFromDct(one)).toBe(`0001${'0000'.repeat(15)}`);
  });

  it('counts differing bits', () => {
    expect(pdqHammingDistance(ZERO_HASH, ZERO_HASH)).toBe(0);
    expect(pdqHammingDistance(ZERO_HASH, 'f'.repeat(64))).toBe(256);
    expect(pdqHammingDistance(`8${'0'.repeat(63)}`, `${'0'.repeat(63)}1`)).toBe(2);
    expect(pdqHashNorm('d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22')).toBe(128);
    expect(pdqHashNorm(`${'0f'.repeat(16)}${'00'.repeat(16)}`)).toBe(64);
    expect(pdqHammingDistance('F'.repeat(64), 'f'.repeat(64))).toBe(0);
  });

  it('is a metric on random hashes', () => {
    const hash = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(hash, hash, (a, b) => {
        const d = pdqHammingDistance(a, b);
        expect(d).toBe(pdqHammingDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(256);
      }),
    );
  });

  it('rejects strings that are not 64 hex digits', () => {
    for (const bad of ['', 'abc', 'g'.repeat(64), `${'0'.repeat(63)}`, `${'0'.repeat(65)}`]) {
      expect(() => pdqHammingDistance(bad, ZERO_HASH)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    }
  });
});

describe('torbenMedian', () => {
  it('returns the ⌈n/2⌉-th smallest value, like the reference', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
          minLength: 1,
          maxLength: 300,
        }),
        (values) => {
          const input = Float32Array.from(values);
          const sorted = Float32Array.from(input).sort();
          // + 0 folds -0 into 0: the two compare equal in the algorithm but not in toBe.
          expect(torbenMedian(input) + 0).toBe(sorted[Math.ceil(input.length / 2) - 1]! + 0);
        },
      ),
    );
  });

  it('handles ties and tiny inputs', () => {
    expect(torbenMedian(Float32Array.of(5))).toBe(5);
    expect(torbenMedian(Float32Array.of(2, 1))).toBe(1);
    expect(torbenMedian(Float32Array.of(3, 3, 3, 1))).toBe(3);
    expect(torbenMedian(new Float32Array(256))).toBe(0);
  });
});
