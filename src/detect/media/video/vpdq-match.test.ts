import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance, hashBits, withinDistance } from './hash-bits.js';
import { readReferenceText, referenceHashNames } from './test-data.js';
import { parseVpdq } from './vpdq-format.js';
import type { VpdqFrame } from './vpdq-frame.js';
import { isVpdqMatch, matchVpdq } from './vpdq-match.js';

const reference = (name: string) => parseVpdq(readReferenceText(name));

/** `base` with its first `bits` bits flipped. */
function flip(base: string, bits: number): string {
  const digits = [...base].map((d) => Number.parseInt(d, 16));
  for (let bit = 0; bit < bits; bit++) digits[bit >> 2] = (digits[bit >> 2] as number) ^ (8 >> (bit & 3));
  return digits.map((d) => d.toString(16)).join('');
}

const A = '0'.repeat(64);
const B = 'f'.repeat(64);
const C = `${'0'.repeat(32)}${'f'.repeat(32)}`;
const frame = (hash: string, quality = 100): VpdqFrame => ({ frame: 0, quality, hash, timestamp: 0 });

function naiveDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i++) {
    let x = Number.parseInt(a[i] as string, 16) ^ Number.parseInt(b[i] as string, 16);
    for (; x; x >>= 1) d += x & 1;
  }
  return d;
}

describe('hash bits', () => {
  it('count differing bits like a naive count over hex digits', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(hex, hex, fc.integer({ min: 0, max: 256 }), (a, b, limit) => {
        const d = hammingDistance(hashBits(a), hashBits(b));
        expect(d).toBe(naiveDistance(a, b));
        expect(withinDistance(hashBits(a), hashBits(b), limit)).toBe(d <= limit);
      }),
    );
    expect(hammingDistance(hashBits(A), hashBits(B))).toBe(256);
  });
});

describe('matchVpdq', () => {
  const native = referenceHashNames().filter((name) => !name.endsWith('-128x128'));

  it.each(referenceHashNames())('matches %s against itself 100 % both ways', (name) => {
    const frames = reference(name);
    expect(matchVpdq(frames, frames)).toEqual({ queryMatchPercent: 100, targetMatchPercent: 100 });
  });

  it('matches re-encoded, recoloured, trimmed and small-logo chair variants with each other', () => {
    const variants = [
      'chair-19-sd-bar',
      'chair-20-sd-bar',
      'chair-22-sd-grey-bar',
      'chair-22-sd-sepia-bar',
      'chair-22-with-small-logo-bar',
      'chair-orig-22-sd-bar',
    ].map(reference);
    for (const query of variants) {
      for (const target of variants) {
        const result = matchVpdq(query, target);
        expect(isVpdqMatch(result), JSON.stringify(result)).toBe(true);
      }
    }
    expect(isVpdqMatch(matchVpdq(reference('chair-orig-22-hd-no-bar'), reference('chair-orig-22-fhd-no-bar')))).toBe(
      true,
    );
  });

  it('never matches a chair video with a pattern video', () => {
    const chairs = native.filter((name) => name.startsWith('chair'));
    const patterns = native.filter((name) => name.startsWith('pattern'));
    expect(chairs.length * patterns.length).toBe(45);
    for (const chair of chairs) {
      for (const pattern of patterns) {
        const result = matchVpdq(reference(chair), reference(pattern));
        expect(isVpdqMatch(result)).toBe(false);
        expect(Math.max(result.queryMatchPercent, result.targetMatchPercent)).toBeLessThan(5);
      }
    }
  });

  it('counts unique hashes, not frames', () => {
    // Three copies of A count once: half the query's unique hashes (A, B) are in the target.
    const result = matchVpdq([frame(A), frame(A), frame(A), frame(B)], [frame(A)]);
    expect(result).toEqual({ queryMatchPercent: 50, targetMatchPercent: 100 });
  });

  it('counts a distance equal to the threshold as a match, one more as none', () => {
    expect(matchVpdq([frame(A)], [frame(flip(A, 31))]).queryMatchPercent).toBe(100);
    expect(matchVpdq([frame(A)], [frame(flip(A, 32))]).queryMatchPercent).toBe(0);
    expect(matchVpdq([frame(A)], [frame(flip(A, 32))], { distance: 32 }).queryMatchPercent).toBe(100);
  });

  it('leaves out frames under the quality floor, on either side', () => {
    const query = [frame(A), frame(B, 49), frame(C, 50)];
    const target = [frame(A), frame(B, 100), frame(C, 20)];
    // Query keeps A and C, target keeps A and B: A is the only common hash.
    expect(matchVpdq(query, target)).toEqual({ queryMatchPercent: 50, targetMatchPercent: 50 });
    expect(matchVpdq(query, target, { quality: 10 })).toEqual({ queryMatchPercent: 100, targetMatchPercent: 100 });
  });

  it('lets the first copy of a hash decide, as the reference dedupes before filtering', () => {
    expect(matchVpdq([frame(A, 10), frame(A, 90), frame(B)], [frame(A), frame(B)]).targetMatchPercent).toBe(50);
  });

  it('gives 0 % both ways when a side has no usable frame', () => {
    expect(matchVpdq([], [frame(A)])).toEqual({ queryMatchPercent: 0, targetMatchPercent: 0 });
    expect(matchVpdq([frame(A, 0)], [frame(A)])).toEqual({ queryMatchPercent: 0, targetMatchPercent: 0 });
  });
});

describe('isVpdqMatch', () => {
  it('needs 80 % both ways by default, and takes either threshold', () => {
    expect(isVpdqMatch({ queryMatchPercent: 80, targetMatchPercent: 80 })).toBe(true);
    expect(isVpdqMatch({ queryMatchPercent: 100, targetMatchPercent: 79.9 })).toBe(false);
    expect(isVpdqMatch({ queryMatchPercent: 79.9, targetMatchPercent: 100 })).toBe(false);
    expect(isVpdqMatch({ queryMatchPercent: 100, targetMatchPercent: 10 }, { targetPercent: 0 })).toBe(true);
    expect(isVpdqMatch({ queryMatchPercent: 95, targetMatchPercent: 100 }, { queryPercent: 99 })).toBe(false);
  });
});
