import {
  ARABIC_FOLD,
  ARABIC_SPECIFIC,
  BIDI,
  BLANK,
  COMBINING,
  EMOJI_LIKE,
  ENCLOSED_LETTERS,
  HARAKAT,
  HONORIFIC_LIGATURES,
  INVISIBLE,
  LATIN_DISGUISE,
  LOOKALIKE_FOLD,
  PERSIAN_ONLY,
  PRESENTATION,
  PUNCT_FOLD,
  QURANIC,
  type Ranges,
  SILENT,
  SPLIT_SEPARATORS,
  STYLED_LETTERS,
  TATWEEL,
  WHITESPACE,
} from './char-sets.js';
import { T_EMOJI, T_FULLWIDTH, T_HOMOGLYPH, T_VARIANT } from './recorder.js';

/**
 * Lookup tables for the per-character pass, built once at module load and never written after.
 * Every decision that needs Unicode data (NFKC, scripts, case) is made here, so the hot loop is
 * a few typed-array reads per code unit.
 */

/** What the character pass does with an input code unit. */
export const K_KEEP = 0;
export const K_REPLACE = 1;
export const K_INVISIBLE = 2;
export const K_BLANK = 3;
export const K_BIDI = 4;
export const K_SILENT = 5;
export const K_SPACE = 6;
export const K_HARAKA = 7;
export const K_QURANIC = 8;
export const K_TATWEEL = 9;
export const K_COMBINING = 10;
export const K_HIGH = 11;
export const K_LOW = 12;

/** Class of a canonical (output) code unit, for the token pass. */
export const C_OTHER = 0;
export const C_SPACE = 1;
export const C_LATIN = 2;
export const C_GREEK = 3;
export const C_CYRILLIC = 4;
export const C_ARABIC = 5;
export const C_LETTER = 6;
export const C_MARK = 7;
export const C_DIGIT = 8;
export const C_NUM = 9;
export const C_SEP = 10;
export const C_LEET = 11;
export const C_EMOJI = 12;
export const C_SURROGATE = 13;
export const C_APOS = 14;

/** True for classes that are part of a word. */
export function isWordClass(cls: number): boolean {
  return cls >= C_LATIN && cls <= C_NUM;
}

/** True for letter classes. */
export function isLetterClass(cls: number): boolean {
  return cls >= C_LATIN && cls <= C_LETTER;
}

/** Attribute bits of input code units, for the Arabic/Persian decision. */
export const A_ARABIC_SPECIFIC = 1;
export const A_PERSIAN_ONLY = 2;
export const A_LOOKALIKE = 4;

const DROPPED_KINDS = new Set([K_INVISIBLE, K_BIDI, K_SILENT, K_HARAKA, K_QURANIC, K_TATWEEL, K_COMBINING]);

export const KIND = new Uint8Array(0x10000);
export const REP1 = new Uint16Array(0x10000);
/** Multi-unit replacements (ligatures, ﷺ …). Read-only after load. */
export const REPN: ReadonlyMap<number, string> = new Map<number, string>();
/** Tactic index + 1 reported when a K_REPLACE unit is replaced; 0 for none. */
export const RTAC = new Uint8Array(0x10000);
export const ATTR = new Uint8Array(0x10000);
export const CLS = new Uint8Array(0x10000);
export const LOWER = new Uint16Array(0x10000);
/** Mathematical alphanumerics U+1D400–U+1D7FF → ASCII letter or digit (0: none). */
export const MATH = new Uint16Array(0x400);
/** Arabic mathematical alphabetic symbols U+1EE00–U+1EEFF → Arabic letter (0: none). */
export const ARABIC_MATH = new Uint16Array(0x100);

function setRanges(table: Uint8Array, ranges: Ranges, value: number): void {
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) table[c] = value;
}

function inRanges(c: number, ranges: Ranges): boolean {
  for (const [a, b] of ranges) if (c >= a && c <= b) return true;
  return false;
}

/** Explicit one-to-one folds, applied before and after NFKC. */
const EXPLICIT = new Map<number, string>();
for (const [from, to] of [...ARABIC_FOLD, ...LOOKALIKE_FOLD, ...PUNCT_FOLD]) {
  EXPLICIT.set(from, String.fromCharCode(to));
}
for (const [from, to] of LATIN_DISGUISE) EXPLICIT.set(from, to);
for (let d = 0; d < 10; d++) {
  EXPLICIT.set(0x0660 + d, String(d));
  EXPLICIT.set(0x06f0 + d, String(d));
}

function initKinds(): void {
  setRanges(KIND, SILENT, K_SILENT);
  setRanges(KIND, WHITESPACE, K_SPACE);
  setRanges(KIND, COMBINING, K_COMBINING);
  setRanges(KIND, INVISIBLE, K_INVISIBLE);
  setRanges(KIND, BLANK, K_BLANK);
  setRanges(KIND, BIDI, K_BIDI);
  setRanges(KIND, HARAKAT, K_HARAKA);
  setRanges(KIND, QURANIC, K_QURANIC);
  KIND[TATWEEL] = K_TATWEEL;
  for (let c = 0xd800; c <= 0xdbff; c++) KIND[c] = K_HIGH;
  for (let c = 0xdc00; c <= 0xdfff; c++) KIND[c] = K_LOW;
  for (const c of ARABIC_SPECIFIC) ATTR[c] = A_ARABIC_SPECIFIC;
  for (const c of PERSIAN_ONLY) ATTR[c] = A_PERSIAN_ONLY;
  for (const [c] of LOOKALIKE_FOLD) ATTR[c] = A_LOOKALIKE;
}

/** Folds one NFKC part: explicit folds, dropped marks removed, other marks stripped via NFD. */
function foldPart(part: string): string {
  const cp = part.codePointAt(0) as number;
  const explicit = EXPLICIT.get(cp);
  if (explicit !== undefined) return explicit;
  if (cp < 0x10000 && DROPPED_KINDS.has(KIND[cp] as number)) return '';
  if (cp < 0x10000 && KIND[cp] === K_SPACE) return ' ';
  const d = part.normalize('NFD');
  if (d === part) return part;
  let stripped = '';
  for (const x of d) {
    const xc = x.codePointAt(0) as number;
    if (xc < 0x10000 && DROPPED_KINDS.has(KIND[xc] as number)) continue;
    stripped += EXPLICIT.get(xc) ?? x;
  }
  // Only a stripped mark justifies decomposing: Hangul syllables and the like stay composed.
  return stripped.length === [...d].length ? part : stripped;
}

/** The canonical form of one character, iterated to a fixed point so the pass is idempotent. */
function foldChar(ch: string): string {
  // Explicit folds win over NFKC (ٸ is ي, not NFKC's ي + high hamza).
  let out = EXPLICIT.get(ch.codePointAt(0) as number) ?? ch;
  for (let round = 0; round < 4; round++) {
    let next = '';
    for (const part of out.normalize('NFKC')) next += foldPart(part);
    if (next === out) break;
    out = next;
  }
  return out;
}

const SPACING_MARK = /^\s\p{M}+$/u;
const ARABIC_MARK = /[\u064b-\u065f\u0670]/;

function replacementTactic(c: number, folded: string): number {
  if (EXPLICIT.has(c)) {
    if (ATTR[c] === A_LOOKALIKE) return T_VARIANT + 1;
    return LATIN_DISGUISE.some(([x]) => x === c) ? T_HOMOGLYPH + 1 : 0;
  }
  if (c >= HONORIFIC_LIGATURES[0] && c <= HONORIFIC_LIGATURES[1]) return 0;
  if (inRanges(c, PRESENTATION)) return T_FULLWIDTH + 1;
  const letter = /^\p{L}$/u.test(folded);
  if (letter && inRanges(c, ENCLOSED_LETTERS)) return T_EMOJI + 1;
  if (letter && inRanges(c, STYLED_LETTERS)) return T_HOMOGLYPH + 1;
  return 0;
}

function initReplacements(): void {
  const multi = REPN as Map<number, string>;
  for (let c = 0x80; c < 0x10000; c++) {
    if (KIND[c] !== K_KEEP) continue;
    const ch = String.fromCharCode(c);
    const nfkc = ch.normalize('NFKC');
    if (nfkc !== ch && SPACING_MARK.test(nfkc)) {
      // Spacing forms of marks (¨, ﹰ): an Arabic one counts as a haraka, others vanish.
      KIND[c] = ARABIC_MARK.test(nfkc) ? K_HARAKA : K_SILENT;
      continue;
    }
    const folded = foldChar(ch);
    if (folded === ch) continue;
    KIND[c] = folded.length === 0 ? K_SILENT : K_REPLACE;
    if (folded.length === 1) REP1[c] = folded.charCodeAt(0);
    else if (folded.length > 1) multi.set(c, folded);
    RTAC[c] = replacementTactic(c, folded);
  }
  // Backtick is ASCII but folds like the other apostrophes.
  KIND[0x60] = K_REPLACE;
  REP1[0x60] = 0x27;
}

const SCRIPT_RE = /(\p{Script=Latin})|(\p{Script=Greek})|(\p{Script=Cyrillic})|(\p{Script=Arabic})/u;
const LETTER_RE = /^\p{L}$/u;
const MARK_RE = /^\p{M}$/u;
const NUMBER_RE = /^\p{N}$/u;

function letterClass(ch: string): number {
  const m = SCRIPT_RE.exec(ch);
  if (m === null) return C_LETTER;
  if (m[1] !== undefined) return C_LATIN;
  if (m[2] !== undefined) return C_GREEK;
  if (m[3] !== undefined) return C_CYRILLIC;
  return C_ARABIC;
}

function initClasses(): void {
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      CLS[c] = C_SURROGATE;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (LETTER_RE.test(ch)) CLS[c] = letterClass(ch);
    else if (MARK_RE.test(ch)) CLS[c] = C_MARK;
    else if (NUMBER_RE.test(ch)) CLS[c] = C_NUM;
  }
  for (let c = 0x30; c <= 0x39; c++) CLS[c] = C_DIGIT;
  CLS[0x20] = C_SPACE;
  CLS[0x27] = C_APOS;
  for (const c of [0x40, 0x24, 0x21]) CLS[c] = C_LEET;
  for (const [a, b] of EMOJI_LIKE) for (let c = a; c <= b; c++) if (CLS[c] === C_OTHER) CLS[c] = C_EMOJI;
  for (const c of SPLIT_SEPARATORS) CLS[c] = C_SEP;
}

function initLower(): void {
  for (let c = 0; c < 0x10000; c++) {
    LOWER[c] = c;
    if (!isLetterClass(CLS[c] as number)) continue;
    const lower = foldChar(String.fromCharCode(c).toLowerCase());
    if (lower.length === 1) LOWER[c] = lower.charCodeAt(0);
  }
  LOWER[0x03c2] = 0x03c3; // final sigma → sigma, as the lexicon fold does
  LOWER[0x03a3] = 0x03c3;
}

function initAstral(): void {
  for (let i = 0; i < 0x400; i++) {
    const folded = foldChar(String.fromCodePoint(0x1d400 + i));
    if (folded.length === 1 && folded.charCodeAt(0) < 0x80) MATH[i] = folded.charCodeAt(0);
    else if (folded.length === 1) MATH[i] = folded.charCodeAt(0);
  }
  for (let i = 0; i < 0x100; i++) {
    const folded = foldChar(String.fromCodePoint(0x1ee00 + i));
    if (folded.length === 1 && CLS[folded.charCodeAt(0)] === C_ARABIC) ARABIC_MATH[i] = folded.charCodeAt(0);
  }
}

initKinds();
initReplacements();
initClasses();
initLower();
initAstral();
