import { describe, expect, it } from 'vitest';
import { bruteForceScan, bruteForceSearch } from './brute-force.js';
import { PDQ_WORDS, pdqWords } from './pdq-words.js';
import { clusteredEntries, mixedQueries } from './testing.js';

const zero = '0'.repeat(64);
const withBits = (n: number) =>
  BigInt(`0b${'1'.repeat(n) || '0'}`)
    .toString(16)
    .padStart(64, '0');

describe('bruteForceSearch', () => {
  it('keeps entries within the radius, nearest first, then by id', () => {
    const entries = [
      { id: 'far', hash: withBits(40) },
      { id: 'b', hash: withBits(3) },
      { id: 'a', hash: withBits(3) },
      { id: 'same', hash: zero },
      { id: 'edge', hash: withBits(31) },
      { id: 'over', hash: withBits(32) },
    ];
    expect(bruteForceSearch(entries, zero)).toEqual([
      { id: 'same', distance: 0 },
      { id: 'a', distance: 3 },
      { id: 'b', distance: 3 },
      { id: 'edge', distance: 31 },
    ]);
    expect(bruteForceSearch(entries, zero, 0)).toEqual([{ id: 'same', distance: 0 }]);
    expect(bruteForceSearch(entries, zero, 256)).toHaveLength(6);
  });

  it('lets a later entry with the same id replace an earlier one', () => {
    const entries = [
      { id: 'x', hash: zero },
      { id: 'x', hash: withBits(100) },
    ];
    expect(bruteForceSearch(entries, zero)).toEqual([]);
  });
});

describe('bruteForceScan', () => {
  it('agrees with bruteForceSearch on packed words', () => {
    const entries = clusteredEntries(500, 1);
    const words = new Uint32Array(entries.length * PDQ_WORDS);
    entries.forEach((e, i) => {
      words.set(pdqWords(e.hash as string), i * PDQ_WORDS);
    });
    for (const q of mixedQueries(entries, 5, 2)) {
      const { positions, distances } = bruteForceScan(words, entries.length, pdqWords(q), 31);
      const viaScan = positions.map((p, i) => ({ id: `c${p}`, distance: distances[i] }));
      const sorted = viaScan.sort((a, b) => (a.distance as number) - (b.distance as number) || (a.id < b.id ? -1 : 1));
      expect(sorted).toEqual(bruteForceSearch(entries, q, 31));
    }
  });
});
