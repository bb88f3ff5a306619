import { invalidInput } from '../../core/index.js';
import { type Chunk, chunkLayout, DEFAULT_CHUNKS } from './chunk-layout.js';
import { grown, IdStore } from './id-store.js';
import { MihSegment } from './mih-segment.js';
import { checkRadius, PDQ_MATCH_RADIUS, PDQ_WORDS, queryWords, readPdqWords } from './pdq-words.js';
import { type HitSink, isDead, markDead, newSink, scanSlots } from './slot-scan.js';

/** One bank entry's PDQ hash: hex, or 8 words when the caller already parsed it. */
export interface PdqEntry {
  readonly id: string;
  readonly hash: string | Uint32Array;
}

/** A match: the entry's id and its Hamming distance (0..256) to the query. */
export interface PdqHit {
  id: string;
  distance: number;
}

export interface PdqIndexOptions {
  /** Multi-index chunks, 8..32 (default 11 ≈ 23 bits each; see `chunk-layout.ts`). */
  chunks?: number;
  /** Hashes added one at a time are scanned until there are this many, then indexed (default 1024). */
  tailSize?: number;
  /** How many entries `build` will see, so it allocates once (arrays' lengths are used when given). */
  expectedSize?: number;
}

/** Allocated bytes by part (capacity, not just use), and their sum per live hash. */
export interface PdqIndexMemory {
  hashes: number;
  postings: number;
  ids: number;
  tombstones: number;
  total: number;
  perHash: number;
}

/** How one segment would be searched at a radius: a scan, or MIH probes with these chunk thresholds. */
export interface PdqSegmentPlan {
  count: number;
  plan: 'scan' | 'mih';
  thresholds?: number[];
}

const DEFAULT_TAIL = 1024;

/**
 * An exact in-memory PDQ index: `search` returns what a scan of every live hash would, for any
 * radius 0..256, with distances. Hashes sit in one Uint32Array (8 words each) in slot order;
 * runs of slots are indexed by immutable multi-index-hashing segments (`mih-segment.ts`), and
 * the newest slots, fewer than `tailSize`, are scanned. A full tail becomes a segment, and equal
 * neighbours merge (the logarithmic method), so one-at-a-time adds cost O(log n) rebuild work
 * each and a search meets O(log n) segments. `remove` marks a tombstone that the very next
 * search honours; tombstones are dropped by `compact()`, run automatically once they outnumber
 * live hashes. Ids are unique: adding an id again replaces its hash.
 *
 * @example
 * const index = PdqIndex.build(rows.map((r) => ({ id: r.contentId, hash: r.pdq })));
 * index.search(queryHex); // [{ id: 'c42', distance: 3 }, …] within 31 bits, nearest first
 */
export class PdqIndex {
  readonly #chunks: readonly Chunk[];
  readonly #tailSize: number;
  #words = new Uint32Array(PDQ_WORDS * 64);
  #dead = new Uint8Array(8);
  #deadCount = 0;
  readonly #ids = new IdStore();
  #segments: MihSegment[] = [];
  #sealed = 0;

  constructor(options: PdqIndexOptions = {}) {
    this.#chunks = chunkLayout(options.chunks ?? DEFAULT_CHUNKS);
    const tail = options.tailSize ?? DEFAULT_TAIL;
    if (!Number.isInteger(tail) || tail < 1) throw invalidInput(`tailSize is a positive integer (got ${tail})`);
    this.#tailSize = tail;
    if (options.expectedSize) this.#reserve(options.expectedSize);
  }

  /** Bulk load: appends every entry, then indexes them as one segment (no intermediate merges). */
  static build(entries: Iterable<PdqEntry>, options: PdqIndexOptions = {}): PdqIndex {
    const expectedSize = options.expectedSize ?? (Array.isArray(entries) ? entries.length : undefined);
    const index = new PdqIndex({ ...options, ...(expectedSize !== undefined && { expectedSize }) });
    for (const entry of entries) index.#append(entry.id, entry.hash);
    index.compact();
    return index;
  }

  /** Live entries. */
  get size(): number {
    return this.#ids.live;
  }

  has(id: string): boolean {
    return this.#ids.slotOf(id) >= 0;
  }

  /** Adds (or replaces) `id`'s hash; it matches from the next search on. */
  add(id: string, hash: string | Uint32Array): void {
    this.#append(id, hash);
    if (this.#ids.count - this.#sealed >= this.#tailSize) this.#seal();
  }

  /** Stops `id` matching from the next search on; false when it was not in the index. */
  remove(id: string): boolean {
    const slot = this.#ids.delete(id);
    if (slot < 0) return false;
    this.#bury(slot);
    if (this.#deadCount >= this.#tailSize && this.#deadCount > this.#ids.live) this.compact();
    return true;
  }

  /**
   * Every live entry within `radius` bits of `hash`, sorted by distance, then id.
   * @example index.search(hex, 0) // exact duplicates only
   */
  search(hash: string | Uint32Array, radius: number = PDQ_MATCH_RADIUS): PdqHit[] {
    checkRadius(radius);
    const q = queryWords(hash);
    const sink = newSink();
    this.#collect(q, radius, sink);
    const hits: PdqHit[] = sink.slots.map((slot, i) => ({
      id: this.#ids.idAt(slot),
      distance: sink.distances[i] as number,
    }));
    return hits.sort(byDistanceThenId);
  }

  /**
   * Drops tombstones and re-indexes every live hash as one segment, trimming spare capacity. It
   * takes a few seconds at 10 M hashes; `remove` calls it only once half the slots are dead.
   */
  compact(): void {
    const count = this.#ids.count;
    const live = this.#ids.live;
    if (this.#deadCount > 0) {
      const words = new Uint32Array(live * PDQ_WORDS);
      let to = 0;
      for (let slot = 0; slot < count; slot++) {
        if (isDead(this.#dead, slot)) continue;
        words.set(this.#words.subarray(slot * PDQ_WORDS, (slot + 1) * PDQ_WORDS), to * PDQ_WORDS);
        to++;
      }
      const dead = this.#dead;
      this.#ids.compact((slot) => !isDead(dead, slot));
      this.#words = words;
    } else {
      if (this.#words.length > count * PDQ_WORDS) this.#words = this.#words.slice(0, count * PDQ_WORDS);
      this.#ids.trim();
    }
    this.#dead = new Uint8Array((live >>> 3) + 1);
    this.#deadCount = 0;
    this.#segments = live > 0 ? [MihSegment.build(this.#words, 0, live, this.#chunks)] : [];
    this.#sealed = live;
  }

  /** Allocated memory by part; `perHash` divides the total by the live entries. */
  memory(): PdqIndexMemory {
    const hashes = this.#words.byteLength;
    const postings = this.#segments.reduce((sum, s) => sum + s.bytes, 0);
    const ids = this.#ids.byteLength;
    const tombstones = this.#dead.byteLength;
    const total = hashes + postings + ids + tombstones;
    return { hashes, postings, ids, tombstones, total, perHash: total / Math.max(1, this.size) };
  }

  /** Bytes of memory per live hash, everything included (hashes, MIH tables, ids, spare capacity). */
  bytesPerHash(): number {
    return this.memory().perHash;
  }

  /** How each segment would be searched at `radius` (the tail is always scanned). */
  explain(radius: number = PDQ_MATCH_RADIUS): PdqSegmentPlan[] {
    checkRadius(radius);
    return this.#segments.map((segment) => {
      const plan = segment.plan(radius);
      return plan.kind === 'scan'
        ? { count: segment.count, plan: 'scan' }
        : { count: segment.count, plan: 'mih', thresholds: Array.from(plan.thresholds) };
    });
  }

  #collect(q: Uint32Array, radius: number, sink: HitSink): void {
    for (const segment of this.#segments) segment.search(this.#words, q, radius, this.#dead, sink);
    scanSlots(this.#words, this.#sealed, this.#ids.count, q, radius, this.#dead, sink);
  }

  #append(id: string, hash: string | Uint32Array): void {
    const slot = this.#ids.count;
    this.#reserve(1);
    // Parse before the id is stored, so a bad hash leaves the index unchanged.
    if (typeof hash === 'string') readPdqWords(hash, this.#words, slot * PDQ_WORDS);
    else if (hash instanceof Uint32Array && hash.length === PDQ_WORDS) this.#words.set(hash, slot * PDQ_WORDS);
    else throw invalidInput(`a PDQ hash is 64 hex characters or ${PDQ_WORDS} 32-bit words`);
    const { previous } = this.#ids.put(id);
    if (previous >= 0) this.#bury(previous);
  }

  #bury(slot: number): void {
    markDead(this.#dead, slot);
    this.#deadCount++;
  }

  #reserve(more: number): void {
    const slots = this.#ids.count + more;
    if (more > 1) this.#ids.reserve(more);
    this.#words = grown(this.#words, slots * PDQ_WORDS, 1.5);
    this.#dead = grown(this.#dead, (slots >>> 3) + 1, 1.5);
  }

  /** Indexes the tail as a segment, then merges while the newest is as big as the one before. */
  #seal(): void {
    const count = this.#ids.count;
    this.#segments.push(MihSegment.build(this.#words, this.#sealed, count - this.#sealed, this.#chunks));
    this.#sealed = count;
    for (let n = this.#segments.length; n >= 2; n = this.#segments.length) {
      const last = this.#segments[n - 1] as MihSegment;
      const before = this.#segments[n - 2] as MihSegment;
      if (last.count < before.count) break;
      const merged = MihSegment.build(this.#words, before.base, before.count + last.count, this.#chunks);
      this.#segments.splice(n - 2, 2, merged);
    }
  }
}

function byDistanceThenId(a: PdqHit, b: PdqHit): number {
  if (a.distance !== b.distance) return a.distance - b.distance;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
