import { LEET } from './confusables.js';
import { C_LATIN, CLS } from './tables.js';

/** What digits and symbols inside a Latin word are. */
export const NONE = 0;
export const LEETSPEAK = 1;
export const ARABIZI = 2;
/** Only 3, 5 or 7 (leet e s t, Arabizi ع خ ح): the message decides. */
export const EITHER = 3;

/** Shape bits of a word, for resolving EITHER. */
export const B_LEET_SHAPE = 1;
export const B_ARABIZI_SHAPE = 2;
export const B_VOWEL_NEXT = 4;
export const B_MARKER = 8;
/** Leet digits or symbols against letters in a word no rule claimed (570rm5, vide0): see `isLooseLeet`. */
export const B_LOOSE = 16;

const digitBits = (d: string): number => [...d].reduce((m, c) => m | (1 << Number(c)), 0);
const ARABIZI_ONLY = digitBits('2689');
const LEET_ONLY = digitBits('014');
const ARABIZI_DIGITS = digitBits('2356789');
const SHARED = digitBits('357');
const VOWELS = new Set([...'aeiou'].map((c) => c.charCodeAt(0)));

/** A leet character that is not itself a letter: a digit or one of @ $ | !. */
export function isLeetChar(u: number): boolean {
  return u < 0x80 && LEET[u] !== 0 && CLS[u] !== C_LATIN;
}

function letterAt(seq: ArrayLike<number>, k: number, m: number): boolean {
  return k >= 0 && k < m && CLS[seq[k] as number] === C_LATIN;
}

/**
 * Leet shape: a run of leet characters with a letter on each side (h3llo, d@esh), in a word of
 * four or more. Arabizi shape: an Arabizi digit between letters (da3esh), leading a word of
 * letters (7abibi), or ending a short word after a vowel (la2). Vowel-next: a 3, 5 or 7 beside
 * a vowel, where Arabizi puts its consonants and leet rarely puts its vowels.
 */
export function shapeOf(seq: ArrayLike<number>, m: number, letters: number): number {
  let shape = 0;
  for (let k = 0; k < m; k++) {
    const u = seq[k] as number;
    if (isLeetChar(u) && !isLeetChar(seq[k - 1] ?? 0)) {
      let r = k;
      while (r < m && isLeetChar(seq[r] as number)) r++;
      if (m >= 4 && letterAt(seq, k - 1, m) && letterAt(seq, r, m)) shape |= B_LEET_SHAPE;
    }
    const digit = u >= 0x30 && u <= 0x39 ? u - 0x30 : -1;
    if (digit < 0 || ((1 << digit) & ARABIZI_DIGITS) === 0) continue;
    const after = seq[k + 1] === 0x27 ? k + 2 : k + 1;
    const inside = letterAt(seq, k - 1, m) && letterAt(seq, after, m);
    const lead = k === 0 && letterAt(seq, after, m) && letterAt(seq, after + 1, m);
    const trail = after >= m && letters <= 4 && VOWELS.has(seq[k - 1] as number);
    if (inside || lead || trail) shape |= B_ARABIZI_SHAPE;
    if (((1 << digit) & SHARED) !== 0 && (VOWELS.has(seq[k - 1] as number) || VOWELS.has(seq[after] as number))) {
      shape |= B_VOWEL_NEXT;
    }
  }
  return shape;
}

/** Units and ordinals written after a number: 2nd, 9am, 5km, 4k, 3d. */
const UNITS = new Set(
  'st nd rd th am pm km kg mb gb kb tb ml cm mm hz px fps min sec hr hrs yr yrs mph kph'.split(' '),
);

/** A number followed by a unit or ordinal suffix: a quantity, neither leet nor Arabizi. */
export function isNumberWithUnit(seq: ArrayLike<number>, m: number): boolean {
  let k = 0;
  while (k < m && (seq[k] as number) >= 0x30 && (seq[k] as number) <= 0x39) k++;
  if (k === 0 || m - k > 3) return false;
  let suffix = '';
  for (let j = k; j < m; j++) suffix += String.fromCharCode(seq[j] as number);
  if (!UNITS.has(suffix)) return false;
  // An ordinal must fit its number (1st, 22nd, 13th): "4nd" is leet for "and", not a rank.
  return !ORDINALS.has(suffix) || suffix === ordinalOf(seq, k);
}

const ORDINALS = new Set(['st', 'nd', 'rd', 'th']);

/** The English ordinal suffix of the number written in seq[0, k). */
function ordinalOf(seq: ArrayLike<number>, k: number): string {
  const last = (seq[k - 1] as number) - 0x30;
  const tens = k >= 2 ? (seq[k - 2] as number) - 0x30 : 0;
  if (tens === 1) return 'th';
  return last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
}

/**
 * Classifies a Latin word with digits or leet symbols. Digits only Arabizi uses (2 6 8 9, or a
 * digit with an apostrophe) make it Arabizi when Arabizi-shaped; digits and symbols only leet
 * uses (0 1 4 @ $ | !) make it leet when leet-shaped; 3 5 7 alone are EITHER. Runs of two or
 * more digits are codes and numbers (covid19, h264), never Arabizi. Returns kind | shape << 2.
 */
export function classifyWord(seq: ArrayLike<number>, m: number, chain: boolean): number {
  let letters = 0;
  let mask = 0;
  let symbols = 0;
  let run = 0;
  let maxRun = 0;
  let apostrophe = false;
  for (let k = 0; k < m; k++) {
    const u = seq[k] as number;
    if (u >= 0x30 && u <= 0x39) {
      mask |= 1 << (u - 0x30);
      maxRun = Math.max(maxRun, ++run);
      continue;
    }
    run = 0;
    if (CLS[u] === C_LATIN) letters++;
    else if (isLeetChar(u)) symbols++;
    else if (u === 0x27) apostrophe = true;
  }
  if (letters < 2 || (mask === 0 && symbols === 0)) return NONE;
  if (isNumberWithUnit(seq, m)) return NONE;
  // Letters split by leet digits (1.S.1.S): the digits are letters.
  if (chain) return LEETSPEAK;
  const shape = shapeOf(seq, m, letters);
  const arabiziShaped = (shape & B_ARABIZI_SHAPE) !== 0 && maxRun === 1;
  let kind = NONE;
  if ((mask & ARABIZI_ONLY) !== 0 || apostrophe) kind = arabiziShaped ? ARABIZI : NONE;
  else if ((mask & LEET_ONLY) !== 0 || symbols > 0) kind = shape & B_LEET_SHAPE ? LEETSPEAK : NONE;
  else if ((mask & SHARED) !== 0 && ((shape & B_LEET_SHAPE) !== 0 || arabiziShaped)) kind = EITHER;
  return kind | (shape << 2);
}

/**
 * A word no shape rule claims whose digits can only be leet: letters and leet characters only
 * (no 2 6 8 9, which are Arabizi or numbers), at least two letters, a leet character touching a
 * letter, and no trailing run of digits (win10, iphone11 are names with numbers). In a message
 * that is not Arabizi such a word is read as leet: `570rm5`, `vide0`, `lat3`.
 */
export function isLooseLeet(seq: ArrayLike<number>, m: number, letters: number): boolean {
  if (letters < 2 || isNumberWithUnit(seq, m)) return false;
  let touching = false;
  for (let k = 0; k < m; k++) {
    const u = seq[k] as number;
    if (u >= 0x30 && u <= 0x39 && !isLeetChar(u)) return false;
    // Across an apostrophe too: it'5, isn'7.
    const before = seq[k - 1] === 0x27 ? k - 2 : k - 1;
    if (isLeetChar(u) && (letterAt(seq, before, m) || letterAt(seq, k + 1, m))) touching = true;
  }
  const isDigit = (k: number) => (seq[k] as number) >= 0x30 && (seq[k] as number) <= 0x39;
  if (m >= 2 && isDigit(m - 1) && isDigit(m - 2)) return false;
  return touching;
}
