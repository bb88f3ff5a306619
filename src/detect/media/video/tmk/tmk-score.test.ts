import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../core/index.js';
import { referenceTmk } from './testing.js';
import { TMK_DEFAULT_THRESHOLDS, tmkIncompatibility, tmkScores } from './tmk-score.js';

/** float32 bits of a number, to compare with the reference at full precision. */
const bits = (x: number): string => {
  const b = Buffer.alloc(4);
  b.writeFloatBE(x);
  return b.toString('hex');
};

// Scores from Meta's C++ (commit baefb4e, g++ -O2 x86-64) computeLevel1Score /
// computeLevel2Score on the same files, printed as float32 bits.
const CPP_SCORES: [string, string, string, string][] = [
  ['chair-19-sd-bar', 'chair-19-sd-bar', '3f7ffffe', '3f800002'],
  ['chair-19-sd-bar', 'chair-20-sd-bar', '3f7d3487', '3f7dbb38'],
  ['chair-19-sd-bar', 'chair-22-with-large-logo-bar', '3ede7b94', '3f0ce8b4'],
  ['chair-19-sd-bar', 'pattern-hd-no-bar', 'bc5b6e9c', '3cde0656'],
  ['chair-orig-22-sd-bar', 'chair-orig-22-fhd-no-bar', '3f38433f', '3f3cd852'],
  ['pattern-hd-no-bar', 'pattern-longer-no-bar', '3f7b27f4', '3f747a40'],
  ['doorknob-hd-no-bar', 'pattern-sd-with-large-logo-bar', 'be9ebdd3', '3c8fe5fe'],
  ['pattern-sd-with-large-logo-bar', 'doorknob-hd-no-bar', 'be9ebdd3', '3c8fe604'],
];

describe('tmkScores against Meta’s C++ scores', () => {
  it.each(CPP_SCORES)('%s vs %s matches to the last float bit', (a, b, level1, level2) => {
    const scores = tmkScores(referenceTmk(a), referenceTmk(b));
    expect([bits(scores.level1), bits(scores.level2)]).toEqual([level1, level2]);
  });
});

// Edits of the same clip: re-encodes at other qualities, grey, sepia, small logo. Letterbox
// bars (fhd/hd "no-bar" vs sd "bar") and a large logo change the picture far more.
const CHAIR_EDITS = [
  'chair-19-sd-bar',
  'chair-20-sd-bar',
  'chair-22-sd-grey-bar',
  'chair-22-sd-sepia-bar',
  'chair-22-with-small-logo-bar',
  'chair-orig-22-sd-bar',
];
const PATTERN_EDITS = ['pattern-hd-no-bar', 'pattern-longer-no-bar', 'pattern-sd-grey-bar'];
const OTHERS = ['pattern-hd-no-bar', 'pattern-sd-grey-bar', 'doorknob-hd-no-bar'];

const pairs = (names: string[]): [string, string][] =>
  names.flatMap((a, i) => names.slice(i + 1).map((b): [string, string] => [a, b]));

describe('tmkScores tells edits of one video from different videos', () => {
  it.each(pairs(CHAIR_EDITS))('%s ~ %s above 0.85 on both levels', (a, b) => {
    const { level1, level2 } = tmkScores(referenceTmk(a), referenceTmk(b));
    expect(level1).toBeGreaterThan(0.85);
    expect(level2).toBeGreaterThan(0.85);
  });

  it.each(pairs(PATTERN_EDITS))('%s ~ %s above the default thresholds', (a, b) => {
    const { level1, level2 } = tmkScores(referenceTmk(a), referenceTmk(b));
    expect(level1).toBeGreaterThan(TMK_DEFAULT_THRESHOLDS.level1);
    expect(level2).toBeGreaterThan(TMK_DEFAULT_THRESHOLDS.level2);
  });

  it.each(CHAIR_EDITS.flatMap((a) => OTHERS.map((b): [string, string] => [a, b])))(
    '%s vs %s below 0.3 on both levels',
    (a, b) => {
      const { level1, level2 } = tmkScores(referenceTmk(a), referenceTmk(b));
      expect(level1).toBeLessThan(0.3);
      expect(level2).toBeLessThan(0.3);
    },
  );

  it('every reference hash scores 1 against itself', () => {
    const { level1, level2 } = tmkScores(referenceTmk('doorknob-hd-no-bar'), referenceTmk('doorknob-hd-no-bar'));
    expect(level1).toBeCloseTo(1, 6);
    expect(level2).toBeCloseTo(1, 6);
  });
});

describe('tmkScores refuses hashes made with other parameters', () => {
  const base = referenceTmk('chair-19-sd-bar');

  it('different periods', () => {
    const other = { ...base, periods: Int32Array.from([2731, 4391, 9767, 14657]) };
    expect(tmkIncompatibility(base, other)).toMatch(/periods/);
    expect(() => tmkScores(base, other)).toThrow(AppError);
  });

  it('different frame rate or algorithm', () => {
    expect(tmkIncompatibility(base, { ...base, framesPerSecond: 30 })).toMatch(/frame rate/);
    expect(tmkIncompatibility(base, { ...base, algorithm: 'XXXX' })).toMatch(/algorithm/);
  });

  it('coefficients off by more than 1e-6 relative, but not by less', () => {
    const nudged = base.fourierCoefficients.slice();
    nudged[3] = nudged[3]! * (1 + 1e-7);
    expect(tmkIncompatibility(base, { ...base, fourierCoefficients: nudged })).toBeUndefined();
    nudged[3] = nudged[3]! * (1 + 1e-5);
    expect(tmkIncompatibility(base, { ...base, fourierCoefficients: nudged })).toMatch(/coefficient 3/);
  });

  it('an all-zero pure average scores 0 at level 1 instead of NaN', () => {
    const blank = { ...base, pureAverageFeature: new Float32Array(256) };
    expect(tmkScores(base, blank).level1).toBe(0);
  });
});
