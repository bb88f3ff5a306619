import { P_KEEP } from './protect.js';
import { T_REPEATED } from './recorder.js';
import { int32s } from './slab.js';
import { CLS, isLetterClass, LOWER } from './tables.js';
import { isRunExempt } from './tokens.js';
import type { Work } from './work.js';

/** The canonical units and their source offsets. */
export interface Emitted {
  units: number[];
  map: Int32Array;
  length: number;
}

/**
 * Writes the canonical text: deleted units skipped, every unit in its canonical form, and runs
 * of three or more equal letters collapsed to one (`isssssis` → `isis`, `داااعش` → `داعش`).
 * Collapsing to one rather than two is what makes elongated names match; it costs chat words
 * like "cool" written "coooool" their double letter, which matching does not need. Roman
 * numerals and "www" keep their runs; digits, emoji and links are never collapsed.
 */
export function emitCanonical(w: Work): Emitted {
  if (w.del === null && w.ovr === null) {
    const plain = emitPlain(w);
    if (plain !== null) return plain;
  }
  const units: number[] = [];
  const map = int32s(w.n);
  let k = 0;
  let prev = -1;
  let run = 0;
  let runStart = 0;
  let runEnd = 0;
  let exempt = false;
  let t = 0;
  const finish = (): void => {
    if (run >= 3 && !exempt) w.report(T_REPEATED, runStart, runEnd, run >= 5 ? 0.2 : 0.1);
  };
  for (let i = 0; i < w.n; i++) {
    if (w.deleted(i)) continue;
    const u = w.formAt(i);
    const letter = (w.prot === null || w.prot[i] === 0) && isLetterClass(CLS[u] as number);
    if (letter && u === prev) {
      run++;
      runEnd = i + 1;
      if (run === 3) {
        while (t < w.tokS.length && (w.tokE[t] as number) <= i) t++;
        const inToken = t < w.tokS.length && (w.tokS[t] as number) <= i;
        // Judged on the whole token, as the token steps saw it, so the output is judged alike.
        exempt = inToken && isRunExempt(w, w.tokS[t] as number, w.tokE[t] as number);
        if (!exempt) {
          k--; // the second letter of the run goes too
          units.pop();
          w.changed = true;
        }
      }
      if (run >= 3 && !exempt) continue;
    } else {
      finish();
      prev = letter ? u : -1;
      run = letter ? 1 : 0;
      runStart = i;
      runEnd = i + 1;
      exempt = false;
    }
    units.push(u);
    map[k++] = w.map[i] as number;
  }
  finish();
  // A view, not a copy: the caller needs exactly `length` entries and the rest is garbage anyway.
  return { units, map: map.subarray(0, k), length: k };
}

/**
 * The common case: nothing deleted or overridden, so only lower-casing (links aside), in place.
 * Returns null at the first run of three equal letters: the general path handles runs. Units
 * lower-cased by then stay valid for it (lower case is stable).
 */
function emitPlain(w: Work): Emitted | null {
  const n = w.n;
  const units = w.units;
  const prot = w.prot;
  let p1 = -1;
  let p2 = -1;
  for (let i = 0; i < n; i++) {
    const u = units[i] as number;
    const l = prot === null || prot[i] !== P_KEEP ? (LOWER[u] as number) : u;
    if (l === p1 && l === p2 && isLetterClass(CLS[l] as number) && (prot === null || prot[i] === 0)) return null;
    p2 = p1;
    p1 = l;
    units[i] = l;
  }
  return { units, map: w.map.subarray(0, n), length: n };
}
