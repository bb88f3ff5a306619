import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BandTable } from './band-table.js';
import { candidateProbability, LshIndex } from './lsh-index.js';
import { MINHASH_K, minhash } from './minhash.js';

/** A random set and a second one with Jaccard ≈ `j` to it, both of `size` values. */
function pair(size: number, j: number, random: () => number): [Uint32Array, Uint32Array] {
  const common = Math.round((2 * j * size) / (1 + j));
  const draw = () => Math.floor(random() * 0xffffffff);
  const shared = Array.from({ length: common }, draw);
  return [
    Uint32Array.from([...shared, ...Array.from({ length: size - common }, draw)]),
    Uint32Array.from([...shared, ...Array.from({ length: size - common }, draw)]),
  ];
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sig = (seed: number, size = 50) =>
  minhash(Uint32Array.from({ length: size }, (_, i) => (seed * 1_000_003 + i * 7919) >>> 0));

describe('LshIndex', () => {
  it('finds what was added, verified by estimated Jaccard, best first', () => {
    const random = seeded(1);
    const [a, nearA] = pair(60, 0.8, random);
    const [b] = pair(60, 0.8, random);
    const index = new LshIndex();
    index.add('a', minhash(a));
    index.add('b', minhash(b));
    expect(index.size).toBe(2);
    const hits = index.query(minhash(nearA));
    expect(hits.map((h) => h.id)).toEqual(['a']);
    expect(hits[0]?.similarity).toBeGreaterThan(0.6);
    expect(index.query(minhash(a))).toEqual([{ id: 'a', similarity: 1 }]);
  });

  it('orders several matches by similarity, then id', () => {
    const index = new LshIndex();
    const s = sig(1);
    index.add('z', s);
    index.add('y', s);
    const near = s.slice();
    near.fill(0, 0, 16);
    index.add('x', near);
    expect(index.query(s).map((h) => h.id)).toEqual(['y', 'z', 'x']);
  });

  it('drops candidates below the threshold', () => {
    const random = seeded(2);
    const [a, b] = pair(80, 0.45, random);
    const index = new LshIndex({ threshold: 0.9 });
    index.add('a', minhash(a));
    expect(index.query(minhash(b))).toEqual([]);
    expect(index.query(minhash(b), 0)).toHaveLength(index.candidates(minhash(b)).length);
  });

  it('removes, replaces and reuses slots', () => {
    const index = new LshIndex();
    for (let i = 0; i < 100; i++) index.add(`e${i}`, sig(i));
    for (let i = 0; i < 100; i += 2) expect(index.remove(`e${i}`)).toBe(true);
    expect(index.remove('e0')).toBe(false);
    expect(index.size).toBe(50);
    expect(index.query(sig(0))).toEqual([]);
    expect(index.query(sig(1))).toEqual([{ id: 'e1', similarity: 1 }]);
    index.add('e1', sig(500));
    expect(index.query(sig(1))).toEqual([]);
    expect(index.query(sig(500))).toEqual([{ id: 'e1', similarity: 1 }]);
    for (let i = 0; i < 60; i++) index.add(`n${i}`, sig(1000 + i));
    expect(index.size).toBe(110);
    expect(index.query(sig(1059))).toEqual([{ id: 'n59', similarity: 1 }]);
    expect(index.has('n59')).toBe(true);
    expect(index.signatureOf('n59')).toEqual(sig(1059));
    expect(index.similarity('n59', sig(1059))).toBe(1);
  });

  it('refuses signatures of the wrong length and bands that do not cover K', () => {
    expect(() => new LshIndex().add('x', new Uint32Array(64))).toThrow(/128/);
    expect(() => new LshIndex({ bands: 16, rows: 4 })).toThrow(/bands × rows/);
    expect(() => new LshIndex({ threshold: 2 })).toThrow(/threshold/);
    expect(new LshIndex({ bands: 16, rows: 8 }).bands).toBe(16);
  });

  it('makes candidates along the S-curve 1 − (1 − J⁴)³² of 32 bands × 4 rows', () => {
    const random = seeded(3);
    for (const [j, trials] of [
      [0.2, 400],
      [0.5, 400],
      [0.7, 200],
    ] as const) {
      let found = 0;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pair(40, j, random);
        const index = new LshIndex();
        index.add('a', minhash(a));
        if (index.candidates(minhash(b)).length > 0) found++;
      }
      expect(Math.abs(found / trials - candidateProbability(j)), `J = ${j}`).toBeLessThan(0.08);
    }
    expect(candidateProbability(0.5)).toBeCloseTo(0.873, 3);
    expect(candidateProbability(0.6)).toBeCloseTo(0.988, 3);
    expect(MINHASH_K).toBe(128);
  });
});

describe('BandTable', () => {
  it('behaves like a multimap under any sequence of adds and deletes (property)', () => {
    const op = fc.oneof(
      fc.record({ add: fc.constant(true), key: fc.nat({ max: 40 }), slot: fc.nat({ max: 10 }) }),
      fc.record({ add: fc.constant(false), key: fc.nat({ max: 40 }), slot: fc.nat({ max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        // Keys spread over few home cells so runs, wrap-around and backward shifts are exercised.
        const table = new BandTable(16);
        const model = new Map<number, number[]>();
        const keyOf = (k: number) => (k * 0x10000001) >>> 0;
        for (const { add, key, slot } of ops) {
          const list = model.get(key) ?? [];
          if (add) {
            table.add(keyOf(key), slot);
            model.set(key, [...list, slot]);
          } else {
            table.delete(keyOf(key), slot);
            const at = list.indexOf(slot);
            if (at >= 0) list.splice(at, 1);
            if (list.length) model.set(key, list);
            else model.delete(key);
          }
        }
        for (let key = 0; key <= 40; key++) {
          const code = table.get(keyOf(key));
          const slots = code === BandTable.NONE ? [] : code >= 0 ? [code] : [...table.slots(code)];
          expect(slots.sort()).toEqual([...(model.get(key) ?? [])].sort());
        }
        expect(table.size).toBe(model.size);
      }),
      { numRuns: 300 },
    );
  });

  it('stores key 0 (as 1) and grows', () => {
    const table = new BandTable(16);
    table.add(0, 7);
    expect(table.get(0)).toBe(7);
    for (let i = 1; i < 5000; i++) table.add(Math.imul(i, 0x9e3779b1) >>> 0, i);
    expect(table.get(Math.imul(4999, 0x9e3779b1) >>> 0)).toBe(4999);
    expect(table.get(0)).toBe(7);
  });
});
