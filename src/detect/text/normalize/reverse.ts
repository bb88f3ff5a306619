import type { UnitBuffer } from './buffer.js';
import { type Recorder, T_REVERSED } from './recorder.js';
import { BIDI_LRO, BIDI_POP, BIDI_RLO } from './scan.js';
import { C_ARABIC, C_LETTER, CLS, isLetterClass } from './tables.js';

/**
 * Reverses units [a, b) by code point, in place. A reversed span cannot keep an exact,
 * non-decreasing map, so every unit of it maps to the span's first source offset except the
 * last code point, which maps to the last source offset: a match on the reversed text then
 * reports the whole reversed span (or at least its start) of the original.
 */
export function reverseRange(units: number[], map: Int32Array, a: number, b: number): void {
  if (b - a < 2) return;
  const first = map[a] as number;
  const last = map[b - 1] as number;
  for (let i = a, j = b - 1; i < j; i++, j--) {
    const u = units[i] as number;
    units[i] = units[j] as number;
    units[j] = u;
  }
  // Surrogate pairs came out low-high: swap them back.
  for (let i = a; i + 1 < b; i++) {
    const u = units[i] as number;
    const v = units[i + 1] as number;
    if (u >= 0xdc00 && u <= 0xdfff && v >= 0xd800 && v <= 0xdbff) {
      units[i] = v;
      units[i + 1] = u;
      i++;
    }
  }
  map.fill(first, a, b);
  const lastUnit = units[b - 1] as number;
  const lastStart = lastUnit >= 0xdc00 && lastUnit <= 0xdfff && b - 2 > a ? b - 2 : b - 1;
  map.fill(last, lastStart, b);
}

function isRtl(u: number): boolean {
  return CLS[u] === C_ARABIC || (u >= 0x0590 && u <= 0x05ff);
}

/**
 * Undoes RLO/LRO overrides: Latin letters under RLO (U+202E) display right to left and Arabic
 * letters under LRO (U+202D) left to right, so the reader sees the logical order reversed.
 * Only a span whose letters are all of the overridden direction is reversed; mixed spans are
 * left as they are (the bidi controls are still reported).
 */
export function applyBidiOverrides(buf: UnitBuffer, events: number[], sourceLength: number, rec: Recorder): boolean {
  let any = false;
  let open = -1;
  let kind = 0;
  let source = 0;
  for (let e = 0; e < events.length; e += 3) {
    const k = events[e] as number;
    const pos = Math.min(events[e + 1] as number, buf.length);
    const at = events[e + 2] as number;
    if (k === BIDI_RLO || k === BIDI_LRO) {
      if (open < 0) {
        open = pos;
        kind = k;
        source = at;
      }
    } else if (open >= 0) {
      any = reverseSegment(buf, open, pos, kind, source, k === BIDI_POP ? at + 1 : at, rec) || any;
      open = -1;
    }
  }
  if (open >= 0) any = reverseSegment(buf, open, buf.length, kind, source, sourceLength, rec) || any;
  return any;
}

function reverseSegment(
  buf: UnitBuffer,
  start: number,
  end: number,
  kind: number,
  from: number,
  to: number,
  rec: Recorder,
): boolean {
  // Spaces at the edges stay where they are: only the text between them is turned round.
  let a = start;
  let b = end;
  while (a < b && buf.units[a] === 0x20) a++;
  while (b > a && buf.units[b - 1] === 0x20) b--;
  let ltr = 0;
  let rtl = 0;
  for (let i = a; i < b; i++) {
    const u = buf.units[i] as number;
    if (isRtl(u)) rtl++;
    else if (isLetterClass(CLS[u] as number) || (CLS[u] === C_LETTER && u >= 0xd800)) ltr++;
  }
  const reversed = kind === BIDI_RLO ? ltr >= 2 && rtl === 0 : rtl >= 2 && ltr === 0;
  if (!reversed) return false;
  reverseRange(buf.units, buf.map, a, b);
  rec.add(T_REVERSED, from, to, 0.7);
  return true;
}
