import { invalidInput } from '../../core/index.js';

/**
 * Ids by slot, and slots by id, without a JS string or Map entry per hash. Ten million strings
 * cost ~32 bytes each plus ~28 for a Map entry, and every major GC walks them; here the ids are
 * UTF-8 in one growable byte array with an end offset per slot (~4 bytes + the id), and the
 * id → slot lookup is an open-addressing table of slot + 1 (0 = empty) with linear probing and
 * backward-shift deletion, kept at most ¾ full (~5–8 bytes a live id). Hashes of ids are not
 * stored: a probe compares bytes, and a rehash recomputes them from the bytes.
 */
export class IdStore {
  #bytes = new Uint8Array(1024);
  #used = 0;
  #ends = new Uint32Array(64);
  #count = 0;
  #table = new Int32Array(64);
  #live = 0;
  #scratch = new Uint8Array(256);
  static readonly #encoder = new TextEncoder();
  static readonly #decoder = new TextDecoder();

  /** Slots handed out so far (live or not). */
  get count(): number {
    return this.#count;
  }

  /** Ids that currently resolve to a slot. */
  get live(): number {
    return this.#live;
  }

  /** Room for `slots` more ids of about `bytesPerId` bytes, so a bulk load copies nothing. */
  reserve(slots: number, bytesPerId = 16): void {
    this.#ends = grown(this.#ends, this.#count + slots, 1);
    this.#bytes = grown(this.#bytes, this.#used + slots * bytesPerId, 1);
    const size = tableSizeFor(this.#live + slots);
    if (size > this.#table.length) this.#rehash(size);
  }

  /** Appends `id` as a new slot and points the id at it; returns the slot it had before, or -1. */
  put(id: string): { slot: number; previous: number } {
    const length = this.#encode(id);
    this.#ends = grown(this.#ends, this.#count + 1, 1.5);
    this.#bytes = grown(this.#bytes, this.#used + length, 1.5);
    this.#bytes.set(this.#scratch.subarray(0, length), this.#used);
    this.#used += length;
    const slot = this.#count++;
    this.#ends[slot] = this.#used;
    if ((this.#live + 1) * 4 > this.#table.length * 3) this.#rehash(this.#table.length * 2);
    const at = this.#find(this.#scratch, length);
    const previous = (this.#table[at] as number) - 1;
    if (previous < 0) this.#live++;
    this.#table[at] = slot + 1;
    return { slot, previous };
  }

  /** The slot `id` resolves to, or -1. */
  slotOf(id: string): number {
    const length = this.#encode(id);
    return (this.#table[this.#find(this.#scratch, length)] as number) - 1;
  }

  /** Forgets `id`; returns the slot it had, or -1. The slot's bytes stay until `compact`. */
  delete(id: string): number {
    const length = this.#encode(id);
    let hole = this.#find(this.#scratch, length);
    const slot = (this.#table[hole] as number) - 1;
    if (slot < 0) return -1;
    const mask = this.#table.length - 1;
    // Backward shift: pull later entries of the probe run into the hole when their home allows.
    for (let j = (hole + 1) & mask; this.#table[j] !== 0; j = (j + 1) & mask) {
      const home = this.#homeOfSlot((this.#table[j] as number) - 1) & mask;
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (between) continue;
      this.#table[hole] = this.#table[j] as number;
      hole = j;
    }
    this.#table[hole] = 0;
    this.#live--;
    return slot;
  }

  idAt(slot: number): string {
    const start = slot === 0 ? 0 : (this.#ends[slot - 1] as number);
    const end = this.#ends[slot] as number;
    if (end - start <= 64) {
      let ascii = '';
      for (let i = start; i < end; i++) {
        const b = this.#bytes[i] as number;
        if (b >= 0x80) return IdStore.#decoder.decode(this.#bytes.subarray(start, end));
        ascii += String.fromCharCode(b);
      }
      return ascii;
    }
    return IdStore.#decoder.decode(this.#bytes.subarray(start, end));
  }

  /** Keeps the slots `keep` accepts, renumbered in order (slot i becomes the i-th kept one). */
  compact(keep: (slot: number) => boolean): void {
    const bytes = new Uint8Array(Math.max(1024, this.#used));
    const ends = new Uint32Array(Math.max(64, this.#count));
    let used = 0;
    let count = 0;
    for (let slot = 0; slot < this.#count; slot++) {
      if (!keep(slot)) continue;
      const start = slot === 0 ? 0 : (this.#ends[slot - 1] as number);
      const end = this.#ends[slot] as number;
      bytes.set(this.#bytes.subarray(start, end), used);
      used += end - start;
      ends[count++] = used;
    }
    this.#bytes = used < bytes.length ? bytes.slice(0, Math.max(1024, used)) : bytes;
    this.#ends = count < ends.length ? ends.slice(0, Math.max(64, count)) : ends;
    this.#used = used;
    this.#count = count;
    this.#rehash(tableSizeFor(count), true);
  }

  /** Gives back spare capacity after a bulk load (the table keeps its size). */
  trim(): void {
    if (this.#bytes.length > Math.max(1024, this.#used)) this.#bytes = this.#bytes.slice(0, Math.max(1024, this.#used));
    if (this.#ends.length > Math.max(64, this.#count)) this.#ends = this.#ends.slice(0, Math.max(64, this.#count));
  }

  /** Allocated bytes (capacity, not just use). */
  get byteLength(): number {
    return this.#bytes.byteLength + this.#ends.byteLength + this.#table.byteLength + this.#scratch.byteLength;
  }

  #encode(id: string): number {
    if (typeof id !== 'string' || id.length === 0) throw invalidInput('a PDQ index id is a non-empty string');
    if (LONE_SURROGATE.test(id)) throw invalidInput('a PDQ index id must be well-formed Unicode (a lone surrogate)');
    if (this.#scratch.length < id.length * 3) this.#scratch = new Uint8Array(id.length * 3);
    return IdStore.#encoder.encodeInto(id, this.#scratch).written;
  }

  /** The table index holding these bytes, or the empty cell where they would go. */
  #find(key: Uint8Array, length: number): number {
    const mask = this.#table.length - 1;
    for (let at = hashBytes(key, 0, length) & mask; ; at = (at + 1) & mask) {
      const entry = this.#table[at] as number;
      if (entry === 0 || this.#slotEquals(entry - 1, key, length)) return at;
    }
  }

  #slotEquals(slot: number, key: Uint8Array, length: number): boolean {
    const start = slot === 0 ? 0 : (this.#ends[slot - 1] as number);
    if ((this.#ends[slot] as number) - start !== length) return false;
    for (let i = 0; i < length; i++) if (this.#bytes[start + i] !== key[i]) return false;
    return true;
  }

  #homeOfSlot(slot: number): number {
    const start = slot === 0 ? 0 : (this.#ends[slot - 1] as number);
    return hashBytes(this.#bytes, start, this.#ends[slot] as number);
  }

  /** Rebuilds the table at `size` cells from the slots it held, or from every slot after compaction. */
  #rehash(size: number, everySlot = false): void {
    const old = this.#table;
    this.#table = new Int32Array(size);
    if (everySlot) {
      for (let slot = 0; slot < this.#count; slot++) this.#insert(slot);
      this.#live = this.#count;
    } else {
      for (const entry of old) if (entry !== 0) this.#insert(entry - 1);
    }
  }

  #insert(slot: number): void {
    const mask = this.#table.length - 1;
    let at = this.#homeOfSlot(slot) & mask;
    while (this.#table[at] !== 0) at = (at + 1) & mask;
    this.#table[at] = slot + 1;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Smallest power of two that holds `n` entries at most ¾ full. */
function tableSizeFor(n: number): number {
  let size = 64;
  while (n * 4 > size * 3) size *= 2;
  return size;
}

/** FNV-1a over the bytes, then MurmurHash3's finaliser so the low bits (the table index) mix well. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** `array`, or a copy at least `needed` long (growing by `factor` so appends stay amortised O(1)). */
export function grown<T extends Uint8Array | Uint32Array>(array: T, needed: number, factor: number): T {
  if (needed <= array.length) return array;
  const size = Math.max(needed, Math.ceil(array.length * factor));
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}
