import {
  ARABIC_MATH,
  C_EMOJI,
  C_LETTER,
  C_OTHER,
  CLS,
  isWordClass,
  K_BLANK,
  K_HIGH,
  K_KEEP,
  K_LOW,
  K_REPLACE,
  K_SPACE,
  KIND,
  MATH,
  REP1,
  REPN,
} from './tables.js';

export const TAG_END = 0xe007f;

/** The astral code point at `i`, or -1 if `i` does not start a valid surrogate pair. */
export function pairAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return -1;
  const d = s.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return -1;
  return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
}

/**
 * Class of an astral code point kept as it is: emoji (they may separate split letters), musical
 * and other symbols, or letters (historic scripts, CJK extensions) that belong to words.
 */
export function astralClass(cp: number): number {
  if (cp >= 0x1f000 && cp <= 0x1faff) return C_EMOJI;
  if ((cp >= 0x1d000 && cp <= 0x1d24f) || cp >= 0xe0000) return C_OTHER;
  return C_LETTER;
}

/** Enclosed Latin letters used as emoji (🄰 🅐 🅰 🄐 …) → lower-case ASCII letter, else 0. */
export function enclosedLetter(cp: number): number {
  if (cp < 0x1f110 || cp > 0x1f189) return 0;
  for (const start of [0x1f110, 0x1f130, 0x1f150, 0x1f170]) {
    if (cp >= start && cp < start + 26) return 0x61 + cp - start;
  }
  return 0;
}

/**
 * 🅰 🅱 🅾 🅿 are everyday emoji (blood groups, parking): letters only when they touch a word or
 * another enclosed letter (🅰🅱🅲), like regional indicators.
 */
export function isEmojiLetter(cp: number): boolean {
  return cp === 0x1f170 || cp === 0x1f171 || cp === 0x1f17e || cp === 0x1f17f;
}

/** How unusual a bidi control is: marks are common in mixed text, overrides rarely innocent. */
export function bidiStrength(c: number): number {
  if (c === 0x200e || c === 0x200f || c === 0x061c) return 0.1;
  if (c === 0x202d || c === 0x202e) return 0.6;
  return 0.3;
}

/** Whether the code point at `j` is an emoji (for keeping ZWJ sequences). */
export function isEmojiAt(s: string, j: number): boolean {
  if (j >= s.length) return false;
  const cp = pairAt(s, j);
  if (cp >= 0) return cp >= 0x1f000 && cp <= 0x1faff;
  return CLS[s.charCodeAt(j)] === C_EMOJI;
}

/** Whether the next visible code point at or after `j` is a letter or digit (invisible characters skipped). */
export function isWordAt(s: string, j: number): boolean {
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    const kind = KIND[c] as number;
    if (kind === K_KEEP) return isWordClass(CLS[c] as number);
    if (kind === K_REPLACE) {
      const r = REP1[c] as number;
      const u = r !== 0 ? r : (REPN.get(c) ?? ' ').charCodeAt(0);
      return isWordClass(CLS[u] as number);
    }
    if (kind === K_HIGH) {
      const cp = pairAt(s, j);
      if (cp < 0) return false;
      if (cp >= 0xe0000 && cp <= 0xe01ef) {
        j++; // tags and variation selectors vanish
        continue;
      }
      if (cp >= 0x1d400 && cp <= 0x1d7ff) return MATH[cp - 0x1d400] !== 0;
      if (cp >= 0x1ee00 && cp <= 0x1eeff) return ARABIC_MATH[cp - 0x1ee00] !== 0;
      if (cp >= 0x1f110 && cp <= 0x1f189) return true;
      return isWordClass(astralClass(cp));
    }
    if (kind === K_SPACE || kind === K_BLANK || kind === K_LOW) return false;
    // Invisible characters, bidi controls and marks vanish: look past them.
  }
  return false;
}
