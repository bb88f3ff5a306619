import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceSearch } from './brute-force.js';
import { type PdqEntry, PdqIndex } from './pdq-index.js';
import { pdqHex, pdqWords } from './pdq-words.js';
import { flipBits, random32, randomHash } from './synthetic-hashes.js';
import { clusteredEntries, mixedQueries, parsed, randomEntries } from './testing.js';

describe('PdqIndex agrees with brute force', () => {
  it('on random hashes at radius 31, and uses MIH (not a scan) to do it', () => {
    const entries = randomEntries(20_000, 1);
    const reference = parsed(entries);
    const index = PdqIndex.build(entries);
    expect(index.explain(31)).toEqual([expect.objectContaining({ count: 20_000, plan: 'mih' })]);
    let hits = 0;
    for (const q of mixedQueries(entries, 100, 2)) {
      const expected = bruteForceSearch(reference, q, 31);
      expect(index.search(q)).toEqual(expected);
      hits += expected.length;
    }
    expect(hits).toBeGreaterThan(30);
  });

  it('on clusters of near-duplicates, at every radius 0..64', () => {
    const entries = clusteredEntries(4_000, 3);
    const reference = parsed(entries);
    const index = PdqIndex.build(entries);
    const sample = mixedQueries(entries, 5, 4);
    let hits = 0;
    for (let radius = 0; radius <= 64; radius++) {
      for (const q of sample) {
        const expected = bruteForceSearch(reference, q, radius);
        expect(index.search(q, radius), `radius ${radius}`).toEqual(expected);
        hits += expected.length;
      }
    }
    expect(hits).toBeGreaterThan(1_000);
  });

  it('keeps a hash at exactly the radius and drops one at radius + 1', () => {
    const next = random32(5);
    const q = randomHash(next);
    const entries: PdqEntry[] = randomEntries(5_000, 6);
    for (let r = 0; r <= 64; r++) {
      entries.push({ id: `at-${r}`, hash: pdqHex(flipBits(q, 0, r, next)) });
      entries.push({ id: `past-${r}`, hash: pdqHex(flipBits(q, 0, r + 1, next)) });
    }
    const index = PdqIndex.build(entries);
    for (let r = 0; r <= 64; r++) {
      const ids = new Set(index.search(q, r).map((h) => h.id));
      expect(ids.has(`at-${r}`), `at-${r}`).toBe(true);
      expect(ids.has(`past-${r}`), `past-${r}`).toBe(false);
      expect(index.search(q, r)).toEqual(bruteForceSearch(entries, q, r));
    }
  });

  it('sorts by distance, then id, and reports each id once', () => {
    const h = randomHash(random32(7));
    const index = new PdqIndex();
    index.add('b', h);
    index.add('a', h);
    index.add('c', flipBits(h, 0, 3, random32(8)));
    expect(index.search(h)).toEqual([
      { id: 'a', distance: 0 },
      { id: 'b', distance: 0 },
      { id: 'c', distance: 3 },
    ]);
  });
});

describe('PdqIndex add and remove', () => {
  it('removes from the tail and from segments, effective for the next search', () => {
    const entries = randomEntries(3_000, 9);
    const index = PdqIndex.build(entries.slice(0, 2_000));
    for (const e of entries.slice(2_000)) index.add(e.id, e.hash);
    const inSegment = entries[10] as PdqEntry;
    const inTail = entries[2_999] as PdqEntry;
    expect(index.search(inSegment.hash, 0)).toEqual([{ id: inSegment.id, distance: 0 }]);
    expect(index.remove(inSegment.id)).toBe(true);
    expect(index.remove(inTail.id)).toBe(true);
    expect(index.search(inSegment.hash, 0)).toEqual([]);
    expect(index.search(inTail.hash, 0)).toEqual([]);
    expect(index.remove(inSegment.id)).toBe(false);
    expect(index.remove('never-added')).toBe(false);
    expect(index.size).toBe(2_998);
    expect(index.has(inSegment.id)).toBe(false);
    index.add(inSegment.id, inSegment.hash);
    expect(index.search(inSegment.hash, 0)).toEqual([{ id: inSegment.id, distance: 0 }]);
  });

  it('replaces the hash when an id is added again', () => {
    const [a, b] = randomEntries(2, 10) as [PdqEntry, PdqEntry];
    const index = new PdqIndex();
    index.add('x', a.hash);
    index.add('x', b.hash);
    expect(index.size).toBe(1);
    expect(index.search(a.hash, 0)).toEqual([]);
    expect(index.search(b.hash, 0)).toEqual([{ id: 'x', distance: 0 }]);
    expect(PdqIndex.build([...[a, b].map((e) => ({ id: 'y', hash: e.hash }))]).search(b.hash, 0)).toEqual([
      { id: 'y', distance: 0 },
    ]);
  });

  it('matches a model through random adds, removes and compactions', () => {
    const pool = randomEntries(60, 11);
    const base = pdqWords(pool[0]?.hash as string);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), id: fc.nat(40), hash: fc.nat(59), flips: fc.nat(40) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.nat(40) }),
      fc.record({ kind: fc.constant('compact' as const), id: fc.nat(40) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.integer({ min: 0, max: 64 }), (ops, radius) => {
        const index = new PdqIndex({ tailSize: 4 });
        const model = new Map<string, Uint32Array>();
        const next = random32(radius);
        for (const o of ops) {
          const id = `e${o.id}`;
          if (o.kind === 'add') {
            // Half the hashes sit near one base hash so searches have matches.
            const h = o.hash % 2 ? pdqWords(pool[o.hash]?.hash as string) : flipBits(base, 0, o.flips, next);
            index.add(id, h);
            model.delete(id);
            model.set(id, h);
          } else if (o.kind === 'remove') expect(index.remove(id)).toBe(model.delete(id));
          else index.compact();
        }
        const reference = [...model].map(([id, hash]) => ({ id, hash }));
        expect(index.size).toBe(model.size);
        expect(index.search(base, radius)).toEqual(bruteForceSearch(reference, base, radius));
      }),
      { numRuns: 150, seed: 12 },
    );
  });

  it('merges sealed tails into segments and compacts once half the slots are dead', () => {
    const entries = randomEntries(4_000, 13);
    const index = new PdqIndex({ tailSize: 100 });
    for (const e of entries) index.add(e.id, e.hash);
    const sizes = index.explain(31).map((s) => s.count);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(4_000);
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(Math.log2(4_000 / 100)) + 1);
    for (let i = 0; i < sizes.length - 1; i++) expect(sizes[i]).toBeGreaterThan(sizes[i + 1] as number);
    // The 2,001st removal leaves more dead slots than live ones: one segment of the 1,999 left.
    for (const e of entries.slice(0, 2_500)) index.remove(e.id);
    expect(index.explain(31).map((s) => s.count)).toEqual([1_999]);
    expect(index.size).toBe(1_500);
    const live = entries.slice(2_500);
    for (const q of mixedQueries(live, 10, 14)) expect(index.search(q)).toEqual(bruteForceSearch(live, q));
  });
});

describe('PdqIndex input and memory', () => {
  const hex = 'f'.repeat(64);

  it('rejects bad hashes, ids and radii with INPUT_INVALID and stays unchanged', () => {
    const index = new PdqIndex();
    index.add('ok', hex);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return 'no error';
    };
    expect(code(() => index.add('bad', 'f'.repeat(63)))).toBe('INPUT_INVALID');
    expect(code(() => index.add('bad', `${'f'.repeat(63)}g`))).toBe('INPUT_INVALID');
    expect(code(() => index.add('', hex))).toBe('INPUT_INVALID');
    expect(code(() => index.add('\uD800', hex))).toBe('INPUT_INVALID');
    expect(code(() => index.search(hex, -1))).toBe('INPUT_INVALID');
    expect(code(() => index.search(hex, 1.5))).toBe('INPUT_INVALID');
    expect(code(() => index.search(hex, 257))).toBe('INPUT_INVALID');
    expect(code(() => index.search('xyz'))).toBe('INPUT_INVALID');
    expect(code(() => new PdqIndex({ chunks: 7 }))).toBe('INPUT_INVALID');
    expect(index.size).toBe(1);
    expect(index.has('bad')).toBe(false);
    expect(index.search(hex, 256)).toEqual([{ id: 'ok', distance: 0 }]);
  });

  it('counts its memory honestly: the hash words and more, parts summing to the total', () => {
    const index = PdqIndex.build(randomEntries(20_000, 15));
    const m = index.memory();
    expect(m.hashes).toBe(20_000 * 32);
    expect(m.total).toBe(m.hashes + m.postings + m.ids + m.tombstones);
    expect(index.bytesPerHash()).toBeCloseTo(m.total / 20_000);
    expect(m.postings).toBeGreaterThanOrEqual(20_000 * 4 * 11);
    expect(index.bytesPerHash()).toBeLessThan(160);
  });

  it('works with other chunk counts', () => {
    const entries = clusteredEntries(2_000, 16);
    const queries = mixedQueries(entries, 4, 17);
    for (const chunks of [8, 10, 16, 32]) {
      const index = PdqIndex.build(entries, { chunks });
      for (const q of queries) expect(index.search(q, 31), `chunks ${chunks}`).toEqual(bruteForceSearch(entries, q));
    }
  });
});
