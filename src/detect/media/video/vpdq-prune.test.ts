import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance, hashBits } from './hash-bits.js';
import { readReferenceText } from './test-data.js';
import { parseVpdq } from './vpdq-format.js';
import type { VpdqFrame } from './vpdq-frame.js';
import { matchVpdq } from './vpdq-match.js';
import { pruneVpdq } from './vpdq-prune.js';

const A = '0'.repeat(64);
const frames = (...hashes: string[]): VpdqFrame[] =>
  hashes.map((hash, i) => ({ frame: i, quality: 100, hash, timestamp: i / 10 }));
const distance = (a: VpdqFrame, b: VpdqFrame) => hammingDistance(hashBits(a.hash), hashBits(b.hash));

describe('pruneVpdq', () => {
  it('measures each frame against the last frame kept, not the one before it', () => {
    // 1, 2, 3 bits away from A, each one bit from its neighbour.
    const drift = frames(A, `1${A.slice(1)}`, `3${A.slice(1)}`, `7${A.slice(1)}`);
    expect(pruneVpdq(drift, 2).map((f) => f.frame)).toEqual([0, 3]);
    expect(pruneVpdq(drift, 0).map((f) => f.frame)).toEqual([0, 1, 2, 3]);
  });

  it('drops only exact repeats at 0 and nothing at -1', () => {
    const repeats = frames(A, A, 'f'.repeat(64), A);
    expect(pruneVpdq(repeats, 0).map((f) => f.frame)).toEqual([0, 2, 3]);
    expect(pruneVpdq(repeats, -1)).toEqual(repeats);
  });

  it('keeps every dropped frame within the distance of a kept one', () => {
    const hex = fc.constantFrom('0', '1', '3', '7', 'f');
    const hashes = fc.array(
      fc.tuple(hex, hex).map(([a, b]) => `${a}${b}${A.slice(2)}`),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(hashes, fc.integer({ min: 0, max: 8 }), (list, d) => {
        const all = frames(...list);
        const kept = pruneVpdq(all, d);
        expect(kept[0]).toBe(all[0]);
        for (let i = 1; i < kept.length; i++) expect(distance(kept[i]!, kept[i - 1]!)).toBeGreaterThan(d);
        for (const f of all) expect(kept.some((k) => distance(k, f) <= d)).toBe(true);
      }),
    );
  });

  it('shrinks a reference hash while it still matches the whole video', () => {
    const full = parseVpdq(readReferenceText('test-padded-dimensions'));
    const pruned = pruneVpdq(full, 8);
    expect(pruned.length).toBeLessThan(full.length / 2);
    expect(matchVpdq(pruned, full)).toEqual({ queryMatchPercent: 100, targetMatchPercent: 100 });
  });
});
