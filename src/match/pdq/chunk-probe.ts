import type { Chunk } from './chunk-layout.js';
import { chunkKey } from './chunk-layout.js';
import { flipMasks } from './flip-masks.js';

/** One chunk's bucket table of a segment (see `mih-segment.ts` for the posting layout). */
export interface ChunkTable {
  readonly chunk: Chunk;
  readonly prefixBits: number;
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
}

/** Set bits of every 16-bit value: one load instead of a dozen operations per residue. */
const POP16 = new Uint8Array(1 << 16);
for (let i = 1; i < POP16.length; i++) POP16[i] = (POP16[i >>> 1] as number) + (i & 1);

/** Residues are at most 16 bits so `POP16` covers them. */
export const MAX_RESIDUE_BITS = 16;

/**
 * Candidates found by the probes, verified in batches by the owner's `flush`. Batching is about
 * memory, not bookkeeping: at 10 M hashes nearly every bucket and every candidate hash is a
 * cache and TLB miss, and a tight loop that first touches all of a batch's addresses lets the
 * CPU wait for many misses at once instead of one after another (~1.8× fewer CPU-µs per search
 * in a 10 M-hash micro-benchmark; then ~60 % of a search is probes, ~40 % candidate checks).
 */
export interface CandidateBatch {
  readonly slots: Uint32Array;
  /** The chunk each candidate came from (to report a hash only from its first matching chunk). */
  readonly chunks: Uint8Array;
  length: number;
  flush(): void;
}

export const CANDIDATE_BATCH = 2048;
const PROBE_BATCH = 512;
const starts = new Uint32Array(PROBE_BATCH);
const ends = new Uint32Array(PROBE_BATCH);
const budgets = new Uint8Array(PROBE_BATCH);
/** Touched values land here so the engine cannot drop the loads as dead code. */
const touched = new Uint32Array(1);

/**
 * Adds to `batch` every slot (base + local) of the table whose chunk is within `threshold` of
 * the query's: each prefix within f ≤ threshold flips, then each posting whose residue is within
 * threshold − f. This is the search's hot loop; at 10 M hashes a chunk probed to 2 makes ~211
 * bucket probes, reads ~2,000 postings and keeps ~300 candidates.
 */
export function probeChunk(
  table: ChunkTable,
  k: number,
  base: number,
  threshold: number,
  q: Uint32Array,
  batch: CandidateBatch,
): void {
  const { chunk, offsets } = table;
  const t = table.prefixBits;
  const rBits = chunk.bits - t;
  const qKey = chunkKey(q, 0, chunk.start, chunk.bits);
  const qPrefix = qKey >>> rBits;
  let n = 0;
  for (let f = 0; f <= threshold && f <= t; f++) {
    const masks = flipMasks(t, f);
    for (let m = 0; m < masks.length; m++) {
      const p = qPrefix ^ (masks[m] as number);
      starts[n] = offsets[p] as number;
      ends[n] = offsets[p + 1] as number;
      budgets[n++] = threshold - f;
      if (n === PROBE_BATCH) {
        scanBuckets(table, k, base, qKey, n, batch);
        n = 0;
      }
    }
  }
  if (n > 0) scanBuckets(table, k, base, qKey, n, batch);
}

function scanBuckets(table: ChunkTable, k: number, base: number, qKey: number, n: number, batch: CandidateBatch) {
  const postings = table.postings;
  const rBits = table.chunk.bits - table.prefixBits;
  const rMask = rBits === 0 ? 0 : (1 << rBits) - 1;
  const qResidue = qKey & rMask;
  let touch = 0;
  for (let j = 0; j < n; j++) touch ^= postings[starts[j] as number] ?? 0;
  touched[0] = (touched[0] as number) ^ touch;
  for (let j = 0; j < n; j++) {
    const budget = budgets[j] as number;
    const end = ends[j] as number;
    for (let i = starts[j] as number; i < end; i++) {
      const e = postings[i] as number;
      const residue = e & rMask;
      if (budget === 0) {
        // A bucket is sorted by residue: skip smaller ones, stop at the first larger one.
        if (residue < qResidue) continue;
        if (residue > qResidue) break;
      } else if ((POP16[residue ^ qResidue] as number) > budget) continue;
      batch.slots[batch.length] = base + (e >>> rBits);
      batch.chunks[batch.length] = k;
      if (++batch.length === CANDIDATE_BATCH) batch.flush();
    }
  }
}

/** Reads each candidate's first word in a tight loop so the misses overlap (see `CandidateBatch`). */
export function touchHashes(words: Uint32Array, slots: Uint32Array, length: number): void {
  let touch = 0;
  for (let c = 0; c < length; c++) touch ^= words[(slots[c] as number) * 8] as number;
  touched[0] = (touched[0] as number) ^ touch;
}
