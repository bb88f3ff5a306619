import { LEET, SKELETON } from './confusables.js';
import { T_EMOJI, T_SPLIT } from './recorder.js';
import { astralClass } from './scan-helpers.js';
import {
  C_APOS,
  C_CYRILLIC,
  C_DIGIT,
  C_EMOJI,
  C_GREEK,
  C_LATIN,
  C_LEET,
  C_NUM,
  C_OTHER,
  C_SEP,
  C_SPACE,
  C_SURROGATE,
  CLS,
  isLetterClass,
} from './tables.js';
import { TF_CHAIN, type Work } from './work.js';

/** Class of the (possibly astral) code point at `i` of the character-pass units. */
export function classAt(units: number[], i: number, n: number): number {
  const c = CLS[units[i] as number] as number;
  if (c !== C_SURROGATE) return c;
  const u = units[i] as number;
  const d = i + 1 < n ? (units[i + 1] as number) : 0;
  if (u > 0xdbff || d < 0xdc00 || d > 0xdfff) return C_OTHER;
  return astralClass(((u - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
}

/**
 * Finds word tokens: runs of letters, marks and digits (and an apostrophe between an Arabizi
 * digit and a letter, as in 3'arb). Protected units (links) are never words.
 */
export function tokenize(w: Work): void {
  const { units, n, prot } = w;
  let start = -1;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    let cls = classAt(units, i, n);
    const width = CLS[units[i] as number] === C_SURROGATE && cls !== C_OTHER ? 2 : 1;
    if (prot !== null && prot[i] !== 0) cls = C_OTHER;
    seen |= units[i] === 0x7c ? 1 << C_LEET : 1 << cls;
    let word = cls >= C_LATIN && cls <= C_NUM;
    if (cls === C_APOS) {
      word =
        start >= 0 && CLS[units[i - 1] as number] === C_DIGIT && i + 1 < n && isLetterClass(classAt(units, i + 1, n));
    }
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      w.tokS.push(start);
      w.tokE.push(i);
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) {
    w.tokS.push(start);
    w.tokE.push(n);
  }
  w.seen = seen;
}

/**
 * Removes protected units (links) from the character pass's tokens, splitting a token around
 * them: the same tokens `tokenize` finds, without a second walk over the whole text.
 */
export function carveProtected(w: Work): void {
  const prot = w.prot;
  if (prot === null) return;
  const s: number[] = [];
  const e: number[] = [];
  for (let t = 0; t < w.tokS.length; t++) {
    let start = -1;
    const end = w.tokE[t] as number;
    for (let i = w.tokS[t] as number; i <= end; i++) {
      const free = i < end && prot[i] === 0;
      // A word never starts with an apostrophe (its digit was part of the link).
      if (free && start < 0 && w.units[i] !== 0x27) start = i;
      else if (!free && start >= 0) {
        s.push(start);
        e.push(i);
        start = -1;
      }
    }
  }
  w.tokS = s;
  w.tokE = e;
}

const ROMAN = new Set([...'ivxlcdm'].map((c) => c.charCodeAt(0)));

/**
 * Tokens whose letter runs are ordinary: Roman numerals (III, VIII, XXX) and "www". They are
 * neither collapsed as repeated letters nor treated as split letters.
 */
export function isRunExempt(w: Work, a: number, b: number): boolean {
  let roman = b - a <= 10;
  let www = true;
  let len = 0;
  for (let i = a; i < b; i++) {
    if (w.deleted(i)) continue;
    const u = w.formAt(i);
    if (!ROMAN.has(u)) roman = false;
    if (u !== 0x77) www = false;
    len++;
  }
  return roman || (www && len === 3);
}

/**
 * A split-letter element: one letter (or a leet digit), or a run of one letter that the
 * repeated-letter rule will collapse to one (so the decision is the same on the output).
 */
function isElement(w: Work, a: number, b: number): boolean {
  const units = w.units;
  if (b - a === 1) {
    const u = units[a] as number;
    const c = CLS[u] as number;
    return isLetterClass(c) || (c === C_DIGIT && LEET[u] !== 0);
  }
  if (b - a < 3) return false;
  const k = SKELETON[units[a] as number];
  let letter = false;
  for (let i = a; i < b; i++) {
    const u = units[i] as number;
    if (SKELETON[u] !== k) return false;
    if (isLetterClass(CLS[u] as number)) letter = true;
  }
  return letter && !isRunExempt(w, a, b);
}

const GAP_NONE = 0;
const GAP_SPACE = 1;
const GAP_EMOJI = 2;

/**
 * What separates two elements, as a signature: GAP_NONE (not a split), GAP_SPACE (spaces only),
 * GAP_EMOJI (emoji, any), or for punctuation the gap's units themselves (". " differs from "."),
 * so that a chain keeps one separator: "e.g. x y" is not a split word.
 */
function gapSignature(w: Work, a: number, b: number): number {
  if (b - a > 6) return GAP_NONE;
  let kind = GAP_SPACE;
  let punct = 0;
  let points = 0;
  for (let i = a; i < b; i++) {
    if (w.prot !== null && w.prot[i] !== 0) return GAP_NONE;
    const u = w.units[i] as number;
    if (u === 0x200d) continue;
    const c = classAt(w.units, i, w.n);
    if (c === C_EMOJI) {
      kind = GAP_EMOJI;
      if (CLS[u] === C_SURROGATE) i++;
    } else if (c === C_SEP || c === C_SPACE) punct = punct * 0x10000 + u;
    else return GAP_NONE;
    if (++points > 3) return GAP_NONE;
  }
  if (kind === GAP_EMOJI) return GAP_EMOJI;
  // At most three units of 16 bits: an exact, safe integer.
  return punct === 0x20 ? GAP_SPACE : punct + 3;
}

/**
 * Joins letters split by separators (`I S I S`, `د.ا.ع.ش`, `i_s_i_s`, `d🔥a🔥e🔥s🔥h`): at least
 * three single-letter elements with punctuation or emoji between them, or four with spaces only
 * (so "a b c" in a sentence stays). The gaps are deleted; the chain becomes one token.
 */
export function joinChains(w: Work): void {
  const count = w.tokS.length;
  if (count < 3) return;
  const el = new Uint8Array(count);
  let elements = 0;
  for (let t = 0; t < count; t++) {
    if (isElement(w, w.tokS[t] as number, w.tokE[t] as number)) {
      el[t] = 1;
      elements++;
    }
  }
  if (elements < 3) return;
  const s: number[] = [];
  const e: number[] = [];
  const f: number[] = [];
  for (let t = 0; t < count; ) {
    const j = el[t] === 1 ? chainEnd(w, el, t) : t;
    const sig = j > t ? gapSignature(w, w.tokE[t] as number, w.tokS[t + 1] as number) : GAP_NONE;
    const from = j > t ? firstValidStart(w, t, j, sig === GAP_SPACE ? 4 : 3) : -1;
    // Tokens before the chain (or the whole run, when no part of it is a chain) stay as they are;
    // the last element may still open a chain with another separator.
    const keepTo = from >= 0 ? from : j > t ? j : t + 1;
    for (let k = t; k < keepTo; k++) {
      s.push(w.tokS[k] as number);
      e.push(w.tokE[k] as number);
      f.push(w.flags(k));
    }
    if (from >= 0) {
      join(w, from, j, sig === GAP_EMOJI);
      s.push(w.tokS[from] as number);
      e.push(w.tokE[j] as number);
      f.push(TF_CHAIN);
      t = j + 1;
    } else t = keepTo;
  }
  w.tokS = s;
  w.tokE = e;
  w.tokF = f;
}

/** Last element of the chain starting at element `t`: elements joined by one and the same gap. */
function chainEnd(w: Work, el: Uint8Array, t: number): number {
  let j = t;
  let sig = GAP_NONE;
  while (j + 1 < el.length && el[j + 1] === 1) {
    const g = gapSignature(w, w.tokE[j] as number, w.tokS[j + 1] as number);
    if (g === GAP_NONE || (sig !== GAP_NONE && g !== sig)) break;
    sig = g;
    j++;
  }
  return j;
}

/**
 * The first element `t'` in [t, j] from which [t', j] is a chain: long enough, with two letters
 * or more and at least as many letters as digits. Counted from the end in one pass, so a long
 * run of digits cannot make the search quadratic. -1 when there is none.
 */
function firstValidStart(w: Work, t: number, j: number, minLength: number): number {
  let letters = 0;
  let best = -1;
  for (let k = j; k >= t; k--) {
    if (isLetterClass(CLS[w.units[w.tokS[k] as number] as number] as number)) letters++;
    const length = j - k + 1;
    if (length >= minLength && letters >= 2 && letters * 2 >= length) best = k;
  }
  return best;
}

function join(w: Work, t: number, j: number, emoji: boolean): void {
  let emojis = 0;
  for (let k = t; k < j; k++) {
    for (let i = w.tokE[k] as number; i < (w.tokS[k + 1] as number); i++) {
      const u = w.units[i] as number;
      // Gaps hold only spaces, separators and emoji: a BMP emoji or a high surrogate is one emoji.
      if (CLS[u] === C_EMOJI || (u >= 0xd800 && u <= 0xdbff)) emojis++;
      w.remove(i);
    }
  }
  const a = w.tokS[t] as number;
  const b = w.tokE[j] as number;
  w.report(T_SPLIT, a, b, emoji ? 0.5 : 0.4);
  if (emoji) w.report(T_EMOJI, a, b, 0.4, emojis);
}

/**
 * Merges words separated only by leet symbols (`d@esh`, `he||o`) into one token, and takes a
 * trailing `$` into a token that already holds one (`i$i$`), so the leet step sees whole words.
 */
export function mergeLeetSymbols(w: Work): void {
  if (!w.has(C_LEET) || w.tokS.length === 0) return;
  const { units, prot } = w;
  const s: number[] = [w.tokS[0] as number];
  const e: number[] = [w.tokE[0] as number];
  const f: number[] = [w.flags(0)];
  for (let t = 1; t <= w.tokS.length; t++) {
    const last = s.length - 1;
    const end = e[last] as number;
    const next = t < w.tokS.length ? (w.tokS[t] as number) : -1;
    if (
      next >= 0 &&
      next - end <= 2 &&
      isLeetGap(w, end, next) &&
      isLatinish(units[end - 1]) &&
      isLatinish(units[next])
    ) {
      e[last] = w.tokE[t] as number;
      f[last] = (f[last] as number) | w.flags(t);
      continue;
    }
    if (
      end < w.n &&
      units[end] === 0x24 &&
      (prot === null || prot[end] === 0) &&
      holdsSymbol(w, s[last] as number, end)
    ) {
      e[last] = end + 1;
    }
    if (next < 0) break;
    s.push(next);
    e.push(w.tokE[t] as number);
    f.push(w.flags(t));
  }
  w.tokS = s;
  w.tokE = e;
  w.tokF = f;
}

function isLeetGap(w: Work, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const u = w.units[i] as number;
    if ((w.prot !== null && w.prot[i] !== 0) || !(CLS[u] === C_LEET || u === 0x7c)) return false;
  }
  return true;
}

function isLatinish(u: number | undefined): boolean {
  if (u === undefined) return false;
  const c = CLS[u];
  return c === C_LATIN || c === C_DIGIT || c === C_CYRILLIC || c === C_GREEK;
}

function holdsSymbol(w: Work, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (CLS[w.units[i] as number] === C_LEET) return true;
  return false;
}
