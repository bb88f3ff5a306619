import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bruteForceSearch } from './brute-force.js';
import { type PdqEntry, PdqIndex } from './pdq-index.js';

/**
 * The hash lists that ThreatExchange's C++ MIH regression test searches (pdq/data/reg-test-input):
 * 1,350 haystack hashes and 100 needles, half of them in the haystack. One hash per line; the
 * upstream tools also accept "hash,anything", so only the first field is read.
 */
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const dir = resolve(repoRoot, '../shared/testdata/pdq/reg-test-input');

function hashes(file: string): string[] {
  return readFileSync(resolve(dir, file), 'utf8')
    .split('\n')
    .map((line) => line.split(',')[0]?.trim() ?? '')
    .filter((h) => h !== '');
}

describe.skipIf(!existsSync(dir))('upstream haystack and needles', () => {
  const haystack: PdqEntry[] = hashes('haystack.txt').map((hash, i) => ({ id: `haystack:${i + 1}`, hash }));
  const needles = hashes('needles.txt');

  it('reads the whole lists', () => {
    expect(haystack).toHaveLength(1_350);
    expect(needles).toHaveLength(100);
  });

  it('finds exactly what brute force finds for every needle', () => {
    const index = PdqIndex.build(haystack);
    let found = 0;
    let withMatch = 0;
    for (const needle of needles) {
      for (const radius of [0, 10, 31, 48]) {
        const expected = bruteForceSearch(haystack, needle, radius);
        expect(index.search(needle, radius), `${needle} r=${radius}`).toEqual(expected);
        if (radius === 31) {
          found += expected.length;
          if (expected.length > 0) withMatch++;
        }
      }
    }
    expect(withMatch).toBeGreaterThanOrEqual(50);
    expect(found).toBeGreaterThan(withMatch);
  });

  it('finds the same through a one-at-a-time index with several segments', () => {
    const index = new PdqIndex({ tailSize: 64 });
    for (const { id, hash } of haystack) index.add(id, hash);
    expect(index.explain().length).toBeGreaterThan(1);
    for (const needle of needles) expect(index.search(needle)).toEqual(bruteForceSearch(haystack, needle));
  });
});
