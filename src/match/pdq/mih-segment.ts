import { type Chunk, chunkDistance, chunkKey } from './chunk-layout.js';
import {
  CANDIDATE_BATCH,
  type CandidateBatch,
  type ChunkTable,
  MAX_RESIDUE_BITS,
  probeChunk,
  touchHashes,
} from './chunk-probe.js';
import { distanceAtMost, PDQ_WORDS } from './pdq-words.js';
import { planSearch, type SearchPlan } from './search-plan.js';
import { type HitSink, isDead, scanSlots } from './slot-scan.js';

/**
 * Multi-index hashing over an immutable, contiguous run of slots [base, base + count).
 *
 * Per chunk (b bits) the top t bits index a bucket table (`offsets`, 2^t + 1 words) and the
 * postings of a bucket are packed 32-bit words: (slot − base) << (b − t) | the chunk's low
 * b − t bits, sorted by those low bits. The low bits (the "residue", 3–4 bits at 10 M hashes)
 * let a probe drop most postings of a nearby bucket without reading the hash, and cost no extra
 * memory: the slot fits in the remaining bits. So a chunk costs 4 bytes a hash plus 4 · 2^t
 * bytes, with t = ⌊log2 n⌋ − 3 capped at 20 (4 MiB a table, ~10 postings a bucket at 10 M).
 *
 * A probe to threshold r_k walks every prefix within f ≤ r_k flips of the query's, and keeps
 * postings whose residue is within r_k − f. A hash matching several chunks is reported by the
 * first one only: it is skipped if an earlier probed chunk was within that chunk's threshold
 * (which is exactly when that probe found it), so no per-search "seen" set is needed.
 */
export class MihSegment {
  readonly base: number;
  readonly count: number;
  readonly #tables: readonly ChunkTable[];
  readonly #plans = new Map<number, SearchPlan>();

  private constructor(base: number, count: number, tables: readonly ChunkTable[]) {
    this.base = base;
    this.count = count;
    this.#tables = tables;
  }

  /** Indexes slots [base, base + count) of `words`; O(count) per chunk (a counting sort). */
  static build(words: Uint32Array, base: number, count: number, chunks: readonly Chunk[]): MihSegment {
    const scratch = { keys: new Uint32Array(count), order: new Uint32Array(count) };
    const tables = chunks.map((chunk) =>
      bucketChunk(words, base, count, chunk, prefixBitsFor(chunk.bits, count), scratch),
    );
    return new MihSegment(base, count, tables);
  }

  /** The plan used at this radius (cached: it depends only on the segment's shape). */
  plan(radius: number): SearchPlan {
    let plan = this.#plans.get(radius);
    if (!plan) {
      const shape = this.#tables.map((table) => ({ bits: table.chunk.bits, prefixBits: table.prefixBits }));
      plan = planSearch(shape, this.count, radius);
      this.#plans.set(radius, plan);
    }
    return plan;
  }

  /** Adds every live slot within `radius` of `q` to `sink`; `plan` overrides the planner (tests). */
  search(words: Uint32Array, q: Uint32Array, radius: number, dead: Uint8Array, sink: HitSink, plan?: SearchPlan): void {
    const chosen = plan ?? this.plan(radius);
    if (chosen.kind === 'scan') {
      scanSlots(words, this.base, this.base + this.count, q, radius, dead, sink);
      return;
    }
    const thresholds = chosen.thresholds;
    const batch: CandidateBatch = {
      slots: new Uint32Array(CANDIDATE_BATCH),
      chunks: new Uint8Array(CANDIDATE_BATCH),
      length: 0,
      flush: () => {
        this.#verify(batch, thresholds, words, q, radius, dead, sink);
        batch.length = 0;
      },
    };
    for (let k = 0; k < thresholds.length; k++) {
      const threshold = thresholds[k] as number;
      if (threshold >= 0) probeChunk(this.#tables[k] as ChunkTable, k, this.base, threshold, q, batch);
    }
    batch.flush();
  }

  get bytes(): number {
    let total = 0;
    for (const table of this.#tables) total += table.offsets.byteLength + table.postings.byteLength;
    return total;
  }

  #verify(
    batch: CandidateBatch,
    thresholds: Int8Array,
    words: Uint32Array,
    q: Uint32Array,
    radius: number,
    dead: Uint8Array,
    sink: HitSink,
  ): void {
    touchHashes(words, batch.slots, batch.length);
    for (let c = 0; c < batch.length; c++) {
      const slot = batch.slots[c] as number;
      const d = distanceAtMost(words, slot * PDQ_WORDS, q, 0, radius);
      if (d > radius || isDead(dead, slot)) continue;
      if (this.#foundBefore(batch.chunks[c] as number, thresholds, words, slot * PDQ_WORDS, q)) continue;
      sink.slots.push(slot);
      sink.distances.push(d);
    }
  }

  /** Whether an earlier probed chunk was within its threshold, i.e. already reported this slot. */
  #foundBefore(k: number, thresholds: Int8Array, words: Uint32Array, at: number, q: Uint32Array): boolean {
    for (let j = 0; j < k; j++) {
      const r = thresholds[j] as number;
      if (r >= 0 && chunkDistance(words, at, q, 0, (this.#tables[j] as ChunkTable).chunk) <= r) return true;
    }
    return false;
  }
}

/**
 * Index bits for a chunk of `bits` over n slots: about n/8 buckets (short postings runs) but at
 * most 2^20 (table memory), and enough that the local slot and the residue share 32 bits.
 */
export function prefixBitsFor(bits: number, n: number): number {
  const slotBits = n <= 1 ? 0 : 32 - Math.clz32(n - 1);
  const lowest = Math.max(0, bits - Math.min(MAX_RESIDUE_BITS, 32 - slotBits));
  const wanted = Math.min(bits, 20, Math.max(0, Math.floor(Math.log2(Math.max(n, 1))) - 3));
  return Math.max(lowest, wanted);
}

/**
 * One chunk's table by counting sort: postings grouped by prefix and, within a bucket, ordered by
 * residue (slots are visited residue by residue), so an exact-residue probe stops at the first
 * larger residue. `keys` and `order` are scratch arrays shared by the chunks of one build.
 */
function bucketChunk(words: Uint32Array, base: number, count: number, chunk: Chunk, t: number, scratch: Scratch) {
  const { keys, order } = scratch;
  const rBits = chunk.bits - t;
  const rMask = rBits === 0 ? 0 : (1 << rBits) - 1;
  const offsets = new Uint32Array(2 ** t + 1);
  const byResidue = new Uint32Array(2 ** rBits + 1);
  for (let i = 0; i < count; i++) {
    const key = chunkKey(words, (base + i) * PDQ_WORDS, chunk.start, chunk.bits);
    keys[i] = key;
    const bucket = (key >>> rBits) + 1;
    offsets[bucket] = (offsets[bucket] as number) + 1;
    const r = (key & rMask) + 1;
    byResidue[r] = (byResidue[r] as number) + 1;
  }
  prefixSums(offsets);
  prefixSums(byResidue);
  for (let i = 0; i < count; i++) {
    const r = (keys[i] as number) & rMask;
    order[byResidue[r] as number] = i;
    byResidue[r] = (byResidue[r] as number) + 1;
  }
  const cursor = offsets.slice(0, offsets.length - 1);
  const postings = new Uint32Array(count);
  for (let j = 0; j < count; j++) {
    const i = order[j] as number;
    const key = keys[i] as number;
    const p = key >>> rBits;
    postings[cursor[p] as number] = ((i << rBits) | (key & rMask)) >>> 0;
    cursor[p] = (cursor[p] as number) + 1;
  }
  return { chunk, prefixBits: t, offsets, postings };
}

interface Scratch {
  keys: Uint32Array;
  order: Uint32Array;
}

/** counts[p + 1] = count of p  →  counts[p] = start of p. */
function prefixSums(counts: Uint32Array): void {
  for (let p = 1; p < counts.length; p++) counts[p] = (counts[p] as number) + (counts[p - 1] as number);
}
