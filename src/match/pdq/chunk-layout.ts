import { invalidInput } from '../../core/index.js';
import { PDQ_BITS, popcount32 } from './pdq-words.js';

/**
 * How the 256 bits are cut for multi-index hashing: `count` contiguous chunks, the first
 * 256 mod count one bit wider. 11 chunks (3 × 24 + 8 × 23 bits) is the default: it puts a
 * chunk near log2(10 M) ≈ 23 bits, where a chunk's probes and its random candidates cost about
 * the same (see `search-plan.ts`); 16 × 16 bits (HMA/FAISS) makes ~20× more candidates at r = 31.
 */
export interface Chunk {
  /** First bit, counted from the top bit of word 0. */
  readonly start: number;
  readonly bits: number;
}

/** Chunks a `PdqIndex` uses unless told otherwise (fastest of 9–16 at 1 M and 10 M hashes). */
export const DEFAULT_CHUNKS = 11;
export const MIN_CHUNKS = 8;
export const MAX_CHUNKS = 32;

export function chunkLayout(count: number = DEFAULT_CHUNKS): readonly Chunk[] {
  if (!Number.isInteger(count) || count < MIN_CHUNKS || count > MAX_CHUNKS) {
    throw invalidInput(`a PDQ index has ${MIN_CHUNKS} to ${MAX_CHUNKS} chunks (got ${count})`);
  }
  const base = Math.floor(PDQ_BITS / count);
  const wider = PDQ_BITS % count;
  const chunks: Chunk[] = [];
  let start = 0;
  for (let k = 0; k < count; k++) {
    const bits = base + (k < wider ? 1 : 0);
    chunks.push({ start, bits });
    start += bits;
  }
  return chunks;
}

/**
 * The `bits` bits from bit `start` of the hash at word `offset`, as an unsigned integer whose top
 * bit is the chunk's first bit. A chunk of at most 32 bits spans at most two words.
 */
export function chunkKey(words: Uint32Array, offset: number, start: number, bits: number): number {
  const w = offset + (start >>> 5);
  const o = start & 31;
  const top = ((words[w] as number) << o) >>> (32 - bits);
  if (o + bits <= 32) return top;
  return (top | ((words[w + 1] as number) >>> (64 - o - bits))) >>> 0;
}

/** Hamming distance between the same chunk of two hashes. */
export function chunkDistance(a: Uint32Array, ao: number, b: Uint32Array, bo: number, chunk: Chunk): number {
  return popcount32(chunkKey(a, ao, chunk.start, chunk.bits) ^ chunkKey(b, bo, chunk.start, chunk.bits));
}
