import { codePointEnd, type UnitBuffer } from './buffer.js';
import { P_KEEP } from './protect.js';
import type { Recorder } from './recorder.js';
import { uint8s, uint16s } from './slab.js';
import { C_ARABIC, C_CYRILLIC, C_GREEK, C_LATIN, C_SURROGATE, CLS, isLetterClass, LOWER } from './tables.js';

/** Token flag: the token is a joined chain of split letters. */
export const TF_CHAIN = 1;

/** Shared, never written: the flags of tokens nobody has flagged. */
const NO_FLAGS = Object.freeze([]) as unknown as number[];

/**
 * The state of one `normalize` call between the character pass and the final output: the
 * character-pass units, which of them are protected or deleted, per-unit overrides (homoglyph
 * and leet replacements) and the word tokens. Created per call.
 */
export class Work {
  readonly units: number[];
  readonly map: Int32Array;
  readonly n: number;
  prot: Uint8Array | null = null;
  del: Uint8Array | null = null;
  ovr: Uint16Array | null = null;
  tokS: number[] = [];
  tokE: number[] = [];
  /** Token flags; `NO_FLAGS` (all zero) until a step sets one. */
  tokF: number[] = NO_FLAGS;
  /** Bit `1 << cls` for every class of unit in the text (see `CharScanner.seen`). */
  seen = 0;
  /** Set when a token step rewrote, deleted or collapsed something: the output may expose more. */
  changed = false;

  constructor(
    buf: UnitBuffer,
    readonly orig: string,
    readonly rec: Recorder,
  ) {
    this.units = buf.units;
    this.map = buf.map;
    this.n = buf.length;
  }

  /** Takes the tokens and counts the character pass collected while writing the units. */
  adoptTokens(scan: { tokS: number[]; tokE: number[]; seen: number }): void {
    this.tokS = scan.tokS;
    this.tokE = scan.tokE;
    this.tokF = NO_FLAGS;
    this.seen = scan.seen;
  }

  /** Whether the text holds a unit of class `cls`. */
  has(cls: number): boolean {
    return (this.seen & (1 << cls)) !== 0;
  }

  /** Flags of token `t`. */
  flags(t: number): number {
    return this.tokF[t] ?? 0;
  }

  /** The canonical unit at `i`: an override, or the unit lower-cased unless protected as-is. */
  formAt(i: number): number {
    const o = this.ovr;
    if (o !== null && o[i] !== 0) return o[i] as number;
    const u = this.units[i] as number;
    return this.prot !== null && this.prot[i] === P_KEEP ? u : (LOWER[u] as number);
  }

  setForm(i: number, u: number): void {
    this.changed = true;
    if (this.ovr === null) this.ovr = uint16s(this.n);
    this.ovr[i] = u;
  }

  deleted(i: number): boolean {
    return this.del !== null && this.del[i] === 1;
  }

  remove(i: number): void {
    this.changed = true;
    if (this.del === null) this.del = uint8s(this.n);
    this.del[i] = 1;
  }

  /** Records tactic `t` over the original span of units [a, b). */
  report(t: number, a: number, b: number, strength: number, count = 1): void {
    if (!this.rec.enabled || b <= a) return;
    const start = this.map[a] as number;
    const end = codePointEnd(this.orig, this.map[b - 1] as number);
    this.rec.add(t, start, Math.max(end, start + 1), strength, count);
  }

  /** Script class of the unit at `i` (astral units are letters of no tracked script). */
  scriptAt(i: number): number {
    const c = CLS[this.units[i] as number] as number;
    return c === C_SURROGATE ? 0 : c;
  }

  /** Counts letters of a token by script: [latin, cyrillic, greek, arabic, other]. */
  scripts(a: number, b: number, out: Int32Array): void {
    let latin = 0;
    let cyrillic = 0;
    let greek = 0;
    let arabic = 0;
    let other = 0;
    for (let i = a; i < b; i++) {
      if (this.deleted(i)) continue;
      const c = CLS[this.units[i] as number] as number;
      if (c === C_LATIN) latin++;
      else if (c === C_CYRILLIC) cyrillic++;
      else if (c === C_GREEK) greek++;
      else if (c === C_ARABIC) arabic++;
      else if (isLetterClass(c)) other++;
    }
    out[0] = latin;
    out[1] = cyrillic;
    out[2] = greek;
    out[3] = arabic;
    out[4] = other;
  }
}
