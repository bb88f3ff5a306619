import { describe, expect, it } from 'vitest';
import { type Chunk, chunkDistance, chunkLayout } from './chunk-layout.js';
import { MihSegment, prefixBitsFor } from './mih-segment.js';
import { PDQ_WORDS, pdqWords } from './pdq-words.js';
import { planUnits, type SearchPlan } from './search-plan.js';
import { newSink } from './slot-scan.js';
import { fillClustered, flipBits, random32 } from './synthetic-hashes.js';

const layout = chunkLayout(11);

function clusteredWords(n: number, seed: number): Uint32Array {
  const words = new Uint32Array(n * PDQ_WORDS);
  fillClustered(words, n, 30, 30, random32(seed));
  return words;
}

/** What a scan finds: slot → distance, for slots [0, n). */
function scan(words: Uint32Array, n: number, q: Uint32Array, radius: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let s = 0; s < n; s++) {
    let d = 0;
    for (let w = 0; w < PDQ_WORDS; w++) d += popcount((words[s * PDQ_WORDS + w] as number) ^ (q[w] as number));
    if (d <= radius) out.set(s, d);
  }
  return out;
}

const popcount = (x: number): number => (x >>> 0).toString(2).replaceAll('0', '').length;

function found(segment: MihSegment, words: Uint32Array, q: Uint32Array, radius: number, plan?: SearchPlan) {
  const sink = newSink();
  segment.search(words, q, radius, new Uint8Array(words.length), sink, plan);
  expect(new Set(sink.slots).size, 'no slot twice').toBe(sink.slots.length);
  return new Map(sink.slots.map((s, i) => [s, sink.distances[i] as number]));
}

/** Units spread as evenly as possible over the chunks (plain MIH), and all piled on the first chunks. */
function evenPlan(radius: number): SearchPlan {
  const t = new Int8Array(layout.length).map((_, k) => Math.floor((radius + 1 + k) / layout.length) - 1);
  return { kind: 'mih', cost: 0, thresholds: t };
}

function pilePlan(radius: number): SearchPlan {
  const t = new Int8Array(layout.length).fill(-1);
  let left = radius + 1;
  for (let k = 0; k < layout.length && left > 0; k++) {
    const units = Math.min(left, 9); // threshold 8 at most keeps the enumeration small
    t[k] = units - 1;
    left -= units;
  }
  return { kind: 'mih', cost: 0, thresholds: t };
}

/** Flips exactly `n` bits inside `chunk` (bits numbered from the top of word 0). */
function flipInChunk(q: Uint32Array, chunk: Chunk, n: number): void {
  for (let i = 0; i < n; i++) {
    const g = chunk.start + i;
    q[g >>> 5] = (q[g >>> 5] as number) ^ (1 << (31 - (g & 31)));
  }
}

describe('MihSegment', () => {
  const n = 3_000;
  const words = clusteredWords(n, 1);
  const segment = MihSegment.build(words, 0, n, layout);
  const next = random32(2);
  const queries = [0, 5, 12, 20, 28].map((flips) => flipBits(words, (next() % n) * PDQ_WORDS, flips, next));

  it('finds exactly what a scan finds at every radius 0..64, with the planner and with forced MIH plans', () => {
    const within64 = queries.map((q) => scan(words, n, q, 64));
    for (let radius = 0; radius <= 64; radius++) {
      for (const [i, q] of queries.entries()) {
        const expected = new Map([...(within64[i] as Map<number, number>)].filter(([, d]) => d <= radius));
        expect(found(segment, words, q, radius), `auto r=${radius}`).toEqual(expected);
        expect(found(segment, words, q, radius, evenPlan(radius)), `even r=${radius}`).toEqual(expected);
        expect(found(segment, words, q, radius, pilePlan(radius)), `pile r=${radius}`).toEqual(expected);
      }
    }
  });

  it('misses a hash when the plan is one unit short (the pigeonhole bound is tight)', () => {
    const q = pdqWords('0'.repeat(64));
    const far = pdqWords('f'.repeat(64));
    const planted = new Uint32Array(2 * PDQ_WORDS);
    planted.set(far, 0);
    // Chunks 0..9 differ by exactly threshold + 1 = 3 bits each: distance 30, yet no probe reaches it.
    const target = q.slice();
    for (let k = 0; k < 10; k++) flipInChunk(target, layout[k] as Chunk, 3);
    planted.set(target, PDQ_WORDS);
    const tiny = MihSegment.build(planted, 0, 2, layout);
    const short = new Int8Array(layout.length).fill(-1).fill(2, 0, 10);
    expect(planUnits(short)).toBe(30);
    expect(found(tiny, planted, q, 30, { kind: 'mih', cost: 0, thresholds: short })).toEqual(new Map());
    const enough = short.slice();
    enough[10] = 0;
    expect(found(tiny, planted, q, 30, { kind: 'mih', cost: 0, thresholds: enough })).toEqual(new Map([[1, 30]]));
    expect(chunkDistance(target, 0, q, 0, layout[10] as Chunk)).toBe(0);
  });

  it('indexes a run of slots that does not start at zero', () => {
    const part = MihSegment.build(words, 1_000, 500, layout);
    const q = words.slice(1_200 * PDQ_WORDS, 1_201 * PDQ_WORDS);
    const all = scan(words, n, q, 31);
    const inRun = new Map([...all].filter(([s]) => s >= 1_000 && s < 1_500));
    expect(found(part, words, q, 31, evenPlan(31))).toEqual(inRun);
    expect(inRun.get(1_200)).toBe(0);
  });

  it('picks index bits so the slot and the residue share 32 bits', () => {
    expect(prefixBitsFor(23, 10_000_000)).toBe(20);
    expect(prefixBitsFor(24, 1_000_000)).toBe(16);
    expect(prefixBitsFor(32, 1_000)).toBe(16);
    for (const [bits, count] of [
      [8, 1],
      [23, 3],
      [32, 100_000_000],
    ] as const) {
      const t = prefixBitsFor(bits, count);
      expect(bits - t).toBeLessThanOrEqual(16);
      expect(Math.ceil(Math.log2(count)) + bits - t).toBeLessThanOrEqual(32);
    }
  });
});
