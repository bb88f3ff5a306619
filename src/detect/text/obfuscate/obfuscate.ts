import type { Tactic } from '../../../core/index.js';
import { seededRandom } from '../classifier/random.js';

/**
 * The evasions Rasd must see through, applied on purpose: used to measure recall on obfuscated
 * copies of known positives and to test the normaliser. Deterministic for a seed. These only
 * disguise existing text; they never create content.
 */
export const OBFUSCATIONS = [
  'zero-width',
  'homoglyph',
  'letter-splitting',
  'leet',
  'tatweel',
  'diacritics-flood',
  'arabic-letter-variant',
  'repeated-letters',
  'fullwidth-presentation-forms',
  'combining-marks',
] as const satisfies readonly Tactic[];
export type Obfuscation = (typeof OBFUSCATIONS)[number];

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const HOMOGLYPHS: Record<string, string> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  x: 'х',
  i: 'і',
  y: 'у',
  s: 'ѕ',
  j: 'ј',
};
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
const ARABIC_VARIANTS: Record<string, string> = { ي: 'ی', ك: 'ک', ه: 'ہ', ى: 'ی' };
const HARAKAT = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b'];
const SPLITTERS = ['.', '-', ' ', '_', '•'];

const isArabicLetter = (ch: string) => ch >= '\u0621' && ch <= '\u064a';
const isLatinLetter = (ch: string) => /[a-z]/i.test(ch);

/**
 * Handles and links are left as they are: a disguised @handle or URL points somewhere else, so
 * evaders disguise the words around them, not them. Hashtags are words and are disguised.
 */
const isAddress = (word: string) => /^[^\p{L}\p{N}#]*@|:\/\/|^www\./iu.test(word);

/** Whether a word is left alone: whitespace, too short to disguise, or an address. */
const keeps = (word: string) => /\s/.test(word) || word.length < 3 || isAddress(word);

/**
 * How hard a copy is disguised. `light`: half the words of a longer text (every word of a short
 * one), and in those about half the letters a tactic can change — readable at a glance, as most
 * evasive posts are. `heavy`: every word and every letter the tactic can reach — what a
 * determined evader does to a name or a whole post; character n-gram models lose most of their
 * features here, which is where normalisation has to carry the detector.
 */
export type Strength = 'light' | 'heavy';

/** Share of words disguised, and chance a changeable letter is changed. */
function rates(strength: Strength, words: number): { word: number; letter: number } {
  return strength === 'heavy' ? { word: 1, letter: 1 } : { word: words <= 6 ? 1 : 0.5, letter: 0.6 };
}

/** Applies one evasion to a fraction of the words (all words for short texts). */
export function obfuscate(text: string, tactic: Obfuscation, seed = 1, strength: Strength = 'light'): string {
  const random = seededRandom(seed);
  const words = text.split(/(\s+)/);
  const rate = rates(strength, words.length);
  return words.map((w) => (keeps(w) || random() > rate.word ? w : disguise(w, tactic, random, rate.letter))).join('');
}

/** `letter`: the chance each letter the tactic can change is changed (1 = all of them). */
function disguise(word: string, tactic: Obfuscation, random: () => number, letter: number): string {
  // Light copies keep the historical per-tactic rates; heavy ones change every reachable letter.
  const p = (light: number) => (letter >= 1 ? 1 : light);
  const chars = [...word];
  switch (tactic) {
    case 'zero-width':
      return chars
        .map((c, i) =>
          i > 0 && random() < p(0.5) ? (ZERO_WIDTH[Math.floor(random() * ZERO_WIDTH.length)] ?? '') + c : c,
        )
        .join('');
    case 'homoglyph':
      return chars.map((c) => (HOMOGLYPHS[c] && random() < p(0.6) ? HOMOGLYPHS[c] : c)).join('');
    case 'letter-splitting':
      return chars.join(SPLITTERS[Math.floor(random() * SPLITTERS.length)] ?? '.');
    case 'leet':
      return chars.map((c) => (LEET[c.toLowerCase()] && random() < p(0.6) ? LEET[c.toLowerCase()] : c)).join('');
    case 'tatweel':
      return chars
        .map((c, i) => (isArabicLetter(c) && i < chars.length - 1 && random() < p(0.5) ? `${c}\u0640\u0640` : c))
        .join('');
    case 'diacritics-flood':
      return chars
        .map((c) => (isArabicLetter(c) ? c + (HARAKAT[Math.floor(random() * HARAKAT.length)] ?? '') : c))
        .join('');
    case 'arabic-letter-variant':
      return chars.map((c) => ARABIC_VARIANTS[c] ?? c).join('');
    case 'repeated-letters':
      return chars.map((c, i) => (i === Math.floor(chars.length / 2) ? c.repeat(4) : c)).join('');
    case 'fullwidth-presentation-forms':
      return chars
        .map((c) => (isLatinLetter(c) || /[0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
        .join('');
    case 'combining-marks':
      return chars.map((c) => (isLatinLetter(c) ? `${c}\u0301\u0308` : c)).join('');
  }
}

/**
 * Several evasions at once, as real evaders layer them: each disguised word gets two different
 * evasions that fit its script, one after the other (say leet, then letter splitting). A
 * single-tactic copy shows which tactic a detector misses; a layered one shows whether it holds
 * up when the tricks are combined, where pattern lists fail.
 */
export function obfuscateLayered(text: string, seed = 1, strength: Strength = 'light'): string {
  const random = seededRandom(seed);
  const words = text.split(/(\s+)/);
  const rate = rates(strength, words.length);
  return words
    .map((w) => {
      if (keeps(w) || random() > rate.word) return w;
      const fits = applicableObfuscations(w);
      const first = fits[Math.floor(random() * fits.length)] as Obfuscation;
      const rest = fits.filter((t) => t !== first);
      const second = rest[Math.floor(random() * rest.length)] as Obfuscation;
      return disguise(disguise(w, first, random, rate.letter), second, random, rate.letter);
    })
    .join('');
}

/** The name under which layered copies are reported next to the single evasions. */
export const LAYERED = 'layered';

/**
 * The disguised copies of labelled rows that `rasd eval --obfuscated` scores (and the baseline
 * bench, so both see the same copies): the i-th row gets seed i + 1, one copy per evasion that
 * fits its script, and one layered copy.
 */
export function obfuscatedCopies<R extends { text: string }>(
  rows: readonly R[],
  strength: Strength = 'light',
): (R & { tactic: string })[] {
  const copies: (R & { tactic: string })[] = [];
  rows.forEach((row, i) => {
    for (const tactic of applicableObfuscations(row.text))
      copies.push({ ...row, text: obfuscate(row.text, tactic, i + 1, strength), tactic });
    copies.push({ ...row, text: obfuscateLayered(row.text, i + 1, strength), tactic: LAYERED });
  });
  return copies;
}

/** The evasions that make sense for a text: Arabic ones for Arabic script, Latin ones otherwise. */
export function applicableObfuscations(text: string): Obfuscation[] {
  const arabic = /[\u0600-\u06ff]/.test(text);
  const latin = /[a-z]/i.test(text);
  return OBFUSCATIONS.filter((t) => {
    if (['tatweel', 'diacritics-flood', 'arabic-letter-variant'].includes(t)) return arabic;
    if (['homoglyph', 'leet', 'fullwidth-presentation-forms', 'combining-marks'].includes(t)) return latin;
    return true;
  });
}
