import { int32s } from './slab.js';

/**
 * A run of UTF-16 units with, for each unit, its source offset in the original text. One per
 * `normalize` call: the module holds no scratch state between calls. Units live in a plain
 * array (small typed arrays are allocated off-heap, which costs more than the work on them);
 * the map is the typed array the result hands out.
 */
export class UnitBuffer {
  /** Units in [0, length); the array is pre-sized (and may hold stale slots past `length`). */
  units: number[];
  map: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    // Pre-sized, not filled: only [0, length) is ever read.
    this.units = new Array<number>(size);
    this.map = int32s(size);
  }

  push(unit: number, source: number): void {
    const k = this.length;
    if (k === this.map.length) this.grow(k + 1);
    this.units[k] = unit;
    this.map[k] = source;
    this.length = k + 1;
  }

  /** The last unit, or -1 when empty. */
  last(): number {
    return this.length === 0 ? -1 : (this.units[this.length - 1] as number);
  }

  private grow(min: number): void {
    let size = this.map.length * 2;
    while (size < min) size *= 2;
    const map = int32s(size);
    map.set(this.map);
    this.map = map;
    for (let k = this.units.length; k < size; k++) this.units.push(0);
  }
}

const CHUNK = 8192;

/** Decodes `units[from, from + length)` to a string, leaving `units` as it is. */
export function decodeUnits(units: number[], from: number, length: number): string {
  let s = '';
  for (let i = from; i < from + length; i += CHUNK) {
    s += String.fromCharCode.apply(null, units.slice(i, Math.min(from + length, i + CHUNK)));
  }
  return s;
}

/** Decodes `units[0, length)` of an array the caller is done with (it is cut to `length`). */
export function decodeAll(units: number[], length: number): string {
  if (length > CHUNK) return decodeUnits(units, 0, length);
  if (units.length !== length) units.length = length;
  return String.fromCharCode.apply(null, units);
}

/** Offset just past the code point of `text` that starts at `offset`. */
export function codePointEnd(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (c >= 0xd800 && c <= 0xdbff && offset + 1 < text.length) {
    const d = text.charCodeAt(offset + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return offset + 2;
  }
  return offset + 1;
}
