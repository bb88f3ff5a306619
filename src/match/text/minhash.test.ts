import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/index.js';
import { defaultTextBankNormalize as normalize } from '../default-normalize.js';
import { EN } from '../fixtures/texts.js';
import {
  distinctCount,
  EMPTY_VALUE,
  jaccardEstimate,
  MINHASH_K,
  MINHASH_PRIME,
  minhash,
  minhashParameters,
  parseSignature,
  permute,
  serializeSignature,
  type TextSignature,
} from './minhash.js';
import { signText } from './sign.js';

const trueJaccard = (a: readonly number[], b: readonly number[]): number => {
  const sa = new Set(a);
  const sb = new Set(b);
  let common = 0;
  for (const x of sa) if (sb.has(x)) common++;
  return common / (sa.size + sb.size - common);
};

/** Two sets with a shared part: `common` values in both, then each set's own values. */
const overlappingSets = fc
  .uniqueArray(fc.nat({ max: 0xffffffff }), { minLength: 20, maxLength: 400 })
  .chain((values) =>
    fc.tuple(fc.nat({ max: values.length }), fc.nat({ max: values.length })).map(([x, y]) => {
      const [lo, hi] = x <= y ? [x, y] : [y, x];
      // values[0, lo) only in A, [lo, hi) in both, [hi, end) only in B.
      return { a: values.slice(0, hi), b: values.slice(lo) };
    }),
  )
  .filter(({ a, b }) => a.length >= 10 && b.length >= 10);

function signed(text: string): TextSignature {
  const outcome = signText(normalize(text));
  if (!('signature' in outcome)) throw new Error('fixture too short');
  return outcome.signature;
}

describe('the permutation', () => {
  it('is exactly (a·x + b) mod p, checked against BigInt', () => {
    const { a, b, p } = minhashParameters();
    expect(p).toBe(2 ** 31 - 1);
    fc.assert(
      fc.property(fc.nat({ max: MINHASH_PRIME - 1 }), (x) => {
        expect(permute(x)).toBe(Number((BigInt(a) * BigInt(x) + BigInt(b)) % BigInt(p)));
      }),
      { numRuns: 2000 },
    );
    for (const x of [0, 1, 65_535, 65_536, MINHASH_PRIME - 1]) {
      expect(permute(x)).toBe(Number((BigInt(a) * BigInt(x) + BigInt(b)) % BigInt(p)));
    }
  });

  it('has fixed parameters (changing them is a new scheme version)', () => {
    expect(minhashParameters()).toMatchInlineSnapshot(`
      {
        "a": 1125042470,
        "b": 753896054,
        "k": 128,
        "p": 2147483647,
      }
    `);
  });
});

describe('MinHash signatures', () => {
  it('are deterministic: the same text gives the same values on every run and machine', () => {
    const sig = signed(EN.weatherA);
    expect(sig.kind).toBe('w3');
    expect(sig.values).toHaveLength(MINHASH_K);
    expect([...sig.values.slice(0, 6)]).toMatchInlineSnapshot(`
      [
        527561368,
        31859426,
        2078909009,
        2002970583,
        442743661,
        99432956,
      ]
    `);
    expect(signed(EN.weatherA).values).toEqual(sig.values);
  });

  it('estimate 1 for the same set, whatever the order and repeats, and about 0 for disjoint sets', () => {
    const a = minhash(Uint32Array.of(5, 9, 13, 200, 7_000_000));
    expect(jaccardEstimate(a, minhash(Uint32Array.of(7_000_000, 13, 5, 9, 200, 5, 9)))).toBe(1);
    const x = minhash(Uint32Array.from({ length: 300 }, (_, i) => i * 7919 + 1));
    const y = minhash(Uint32Array.from({ length: 300 }, (_, i) => i * 7919 + 5));
    expect(jaccardEstimate(x, y)).toBeLessThan(0.05);
  });

  it('give an empty set every position at p', () => {
    expect([...new Set(minhash(new Uint32Array(0)))]).toEqual([EMPTY_VALUE]);
  });

  it('estimate Jaccard within ±0.15 on random sets of shingles (property)', () => {
    fc.assert(
      fc.property(overlappingSets, ({ a, b }) => {
        const estimate = jaccardEstimate(minhash(Uint32Array.from(a)), minhash(Uint32Array.from(b)));
        expect(Math.abs(estimate - trueJaccard(a, b))).toBeLessThanOrEqual(0.15);
      }),
      { numRuns: 300, seed: 20_241_201 },
    );
  });

  it('estimate without bias and with the error of K = 128 permutations (√(J(1−J)/K) ≤ 0.044)', () => {
    const pairs = fc.sample(overlappingSets, { numRuns: 1500, seed: 7 });
    let squared = 0;
    let signedError = 0;
    for (const { a, b } of pairs) {
      const error = jaccardEstimate(minhash(Uint32Array.from(a)), minhash(Uint32Array.from(b))) - trueJaccard(a, b);
      squared += error * error;
      signedError += error;
    }
    expect(Math.sqrt(squared / pairs.length)).toBeLessThan(0.05);
    expect(Math.abs(signedError / pairs.length)).toBeLessThan(0.01);
  });

  it('count distinct shingles', () => {
    expect(distinctCount(Uint32Array.of(1, 2, 2, 3, 1, 0, 0), 7)).toBe(4);
    expect(distinctCount(Uint32Array.of(1, 2, 3), 0)).toBe(0);
    const many = Uint32Array.from({ length: 5000 }, (_, i) => (i % 1234) * 2654435761);
    expect(distinctCount(many, many.length)).toBe(1234);
  });
});

describe('serialised signatures', () => {
  it('round-trip through a compact, versioned string', () => {
    const sig = signed(EN.cookingA);
    const value = serializeSignature(sig);
    expect(value).toMatch(/^mh1:w3:\d+:[A-Za-z0-9+/]+=*$/);
    expect(value.length).toBeLessThan(720);
    const back = parseSignature(value);
    expect(back).toEqual(sig);
    expect(serializeSignature(back)).toBe(value);
  });

  it('are little-endian on every machine', () => {
    const values = new Uint32Array(MINHASH_K);
    values[0] = 0x01020304;
    const value = serializeSignature({ kind: 'c5', size: 1, values });
    expect(value.startsWith('mh1:c5:1:BAMCAQ')).toBe(true);
  });

  it('refuse other schemes, lengths and garbage with INPUT_INVALID', () => {
    const good = serializeSignature(signed(EN.sportsA));
    const bad = [
      '',
      good.replace('mh1:', 'mh2:'),
      good.replace(':w3:', ':w4:'),
      good.slice(0, 100),
      `${good.slice(0, -8)}!!!!!!!=`,
      'mh1:w3:12:AAAA',
      serializeSignature({ kind: 'w3', size: 3, values: new Uint32Array(MINHASH_K).fill(0xffffffff) }),
    ];
    for (const value of bad) {
      expect(() => parseSignature(value), value.slice(0, 20)).toThrow(AppError);
      expect(() => parseSignature(value)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    }
  });
});
