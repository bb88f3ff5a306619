import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/index.js';
import { distanceAtMost, hammingDistance, pdqHex, pdqWords, popcount32 } from './pdq-words.js';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('pdqWords and pdqHex', () => {
  it('round-trip any hash, and read the first character as the top nibble', () => {
    fc.assert(
      fc.property(hex64, (h) => {
        expect(pdqHex(pdqWords(h))).toBe(h);
      }),
    );
    expect(Array.from(pdqWords(`8${'0'.repeat(63)}`))).toEqual([0x80000000, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(pdqWords(`${'0'.repeat(63)}1`))).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('accept upper case and write lower case', () => {
    expect(pdqHex(pdqWords('ABCDEF'.padEnd(64, '0')))).toBe('abcdef'.padEnd(64, '0'));
  });

  it.each([
    ['too short', 'f'.repeat(63), '63 characters'],
    ['too long', 'f'.repeat(65), '65 characters'],
    ['empty', '', '0 characters'],
    ['not hex', `${'f'.repeat(10)}g${'f'.repeat(53)}`, 'character 11'],
    ['a space', ` ${'f'.repeat(63)}`, 'character 1'],
    ['non-ASCII', `${'f'.repeat(63)}\u0660`, 'character 64'],
  ])('reject a hash that is %s with INPUT_INVALID', (_, input, detail) => {
    const error = errorOf(() => pdqWords(input));
    expect(isAppError(error) && error.code).toBe('INPUT_INVALID');
    expect(String((error as Error).message)).toContain(detail);
  });

  it('reject non-strings and word arrays of the wrong length', () => {
    expect(isAppError(errorOf(() => pdqWords(42 as unknown as string)))).toBe(true);
    expect(isAppError(errorOf(() => pdqHex(new Uint32Array(7))))).toBe(true);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits, from hex or words', () => {
    const zero = '0'.repeat(64);
    expect(hammingDistance(zero, 'f'.repeat(64))).toBe(256);
    expect(hammingDistance(zero, `${'0'.repeat(63)}7`)).toBe(3);
    expect(hammingDistance(pdqWords(zero), `8${'0'.repeat(63)}`)).toBe(1);
    expect(hammingDistance(zero, zero)).toBe(0);
  });

  it('is a metric: symmetric, and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(hex64, hex64, hex64, (a, b, c) => {
        expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
        expect(hammingDistance(a, c)).toBeLessThanOrEqual(hammingDistance(a, b) + hammingDistance(b, c));
      }),
    );
  });

  it('rejects bad input', () => {
    expect(isAppError(errorOf(() => hammingDistance('abc', '0'.repeat(64))))).toBe(true);
    expect(isAppError(errorOf(() => hammingDistance(new Uint32Array(9), '0'.repeat(64))))).toBe(true);
  });
});

describe('popcount32 and distanceAtMost', () => {
  it('popcount32 agrees with counting the binary digits', () => {
    const naive = (x: number) => [...(x >>> 0).toString(2)].filter((c) => c === '1').length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (x) => {
        expect(popcount32(x)).toBe(naive(x));
      }),
    );
    expect(popcount32(0xffffffff)).toBe(32);
  });

  it('distanceAtMost is exact up to the limit and above it past the limit', () => {
    fc.assert(
      fc.property(hex64, hex64, fc.integer({ min: 0, max: 256 }), (a, b, limit) => {
        const d = hammingDistance(a, b);
        const bounded = distanceAtMost(pdqWords(a), 0, pdqWords(b), 0, limit);
        if (d <= limit) expect(bounded).toBe(d);
        else expect(bounded).toBeGreaterThan(limit);
      }),
    );
  });
});
