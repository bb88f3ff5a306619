/**
 * A multimap from 32-bit band keys to slot numbers for the LSH index: open addressing with
 * linear probing over two typed arrays, so a lookup touches one cache line instead of the
 * several a `Map` entry costs (with 32 lookups per query, that was most of the query time).
 * A key with one slot stores it inline; a key shared by several slots stores -2 − i for list i.
 * Deletion shifts the following run back, so no tombstones accumulate.
 *
 * Most lookups are misses (an unbanked message shares no band with anything), and a miss in a
 * table of megabytes is a cache and TLB miss. So a bit array of 8 bits per cell (1/8 of the
 * table's size, 16–32 bits per key) is checked first on the key's top bits: it answers most
 * misses from cache. Deleted keys leave their bit set (it is only a filter) until the next grow.
 */
export class BandTable {
  #keys: Uint32Array;
  #vals: Int32Array;
  #mask: number;
  #bits: Int32Array;
  #bitShift: number;
  #used = 0;
  readonly #lists: number[][] = [];
  readonly #freeLists: number[] = [];

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.#keys = new Uint32Array(size);
    this.#vals = new Int32Array(size);
    this.#mask = size - 1;
    this.#bits = new Int32Array(size / 4);
    this.#bitShift = 32 - Math.log2(size * 8);
  }

  #mark(key: number): void {
    const b = key >>> this.#bitShift;
    this.#bits[b >>> 5] = (this.#bits[b >>> 5] as number) | (1 << (b & 31));
  }

  /** Keys are never 0 in the table (0 marks a free cell); 0 is stored as 1, which only adds a candidate. */
  static #fix(key: number): number {
    return key === 0 ? 1 : key >>> 0;
  }

  #find(key: number): number {
    const keys = this.#keys;
    const mask = this.#mask;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === key) return i;
      if (k === 0) return -1 - i;
    }
  }

  add(rawKey: number, slot: number): void {
    const key = BandTable.#fix(rawKey);
    const at = this.#find(key);
    if (at >= 0) {
      const v = this.#vals[at] as number;
      if (v >= 0) {
        const li = this.#freeLists.pop() ?? this.#lists.length;
        this.#lists[li] = [v, slot];
        this.#vals[at] = -2 - li;
      } else (this.#lists[-2 - v] as number[]).push(slot);
      return;
    }
    const free = -1 - at;
    this.#keys[free] = key;
    this.#vals[free] = slot;
    this.#mark(key);
    this.#used += 1;
    if (this.#used * 2 > this.#keys.length) this.#grow();
  }

  /** Removes one occurrence of `slot` under `rawKey`. */
  delete(rawKey: number, slot: number): void {
    const key = BandTable.#fix(rawKey);
    const at = this.#find(key);
    if (at < 0) return;
    const v = this.#vals[at] as number;
    if (v < 0) {
      const list = this.#lists[-2 - v] as number[];
      const pos = list.indexOf(slot);
      if (pos >= 0) list.splice(pos, 1);
      if (list.length === 1) {
        this.#vals[at] = list[0] as number;
        this.#lists[-2 - v] = [];
        this.#freeLists.push(-2 - v);
      }
      return;
    }
    if (v !== slot) return;
    this.#removeAt(at);
  }

  /**
   * What is stored under `rawKey`: a slot (≥ 0), `BandTable.NONE` (-1), or a list code (≤ -2)
   * to pass to `slots`. Two calls instead of a callback keep the query loop free of closures.
   */
  get(rawKey: number): number {
    const key = BandTable.#fix(rawKey);
    const b = key >>> this.#bitShift;
    if (((this.#bits[b >>> 5] as number) & (1 << (b & 31))) === 0) return BandTable.NONE;
    const at = this.#find(key);
    return at < 0 ? BandTable.NONE : (this.#vals[at] as number);
  }

  /** The slots of a list code returned by `get`. */
  slots(code: number): readonly number[] {
    return this.#lists[-2 - code] as number[];
  }

  static readonly NONE = -1;

  /** Distinct keys held. */
  get size(): number {
    return this.#used;
  }

  #removeAt(index: number): void {
    const keys = this.#keys;
    const vals = this.#vals;
    const mask = this.#mask;
    let hole = index;
    for (let j = (hole + 1) & mask; keys[j] !== 0; j = (j + 1) & mask) {
      const home = (keys[j] as number) & mask;
      // Move j back into the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        keys[hole] = keys[j] as number;
        vals[hole] = vals[j] as number;
        hole = j;
      }
    }
    keys[hole] = 0;
    vals[hole] = 0;
    this.#used -= 1;
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldVals = this.#vals;
    this.#keys = new Uint32Array(oldKeys.length * 2);
    this.#vals = new Int32Array(oldKeys.length * 2);
    this.#mask = this.#keys.length - 1;
    this.#bits = new Int32Array(this.#keys.length / 4);
    this.#bitShift = 32 - Math.log2(this.#keys.length * 8);
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i] as number;
      if (key === 0) continue;
      const free = -1 - this.#find(key);
      this.#keys[free] = key;
      this.#vals[free] = oldVals[i] as number;
      this.#mark(key);
    }
  }
}
