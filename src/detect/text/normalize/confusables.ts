import { LOWER } from './tables.js';

/**
 * Cross-script look-alikes for the token pass. Keys are canonical units with their case kept
 * (uppercase Greek Η looks like H, lowercase η like n), values lower-case targets.
 */

/** Cyrillic and Greek (and a few Armenian) letters that look like a Latin letter. */
const TO_LATIN: readonly (readonly [string, string])[] = [
  // Cyrillic
  ['Аа', 'a'],
  ['Вв', 'b'],
  ['Ьь', 'b'],
  ['Сс', 'c'],
  ['Ԁԁ', 'd'],
  ['Ее', 'e'],
  ['Һһ', 'h'],
  ['Нн', 'h'],
  ['Іі', 'i'],
  ['Јј', 'j'],
  ['Кк', 'k'],
  ['Ӏӏ', 'l'],
  ['Мм', 'm'],
  ['Оо', 'o'],
  ['Рр', 'p'],
  ['Ԛԛ', 'q'],
  ['Ѕѕ', 's'],
  ['Тт', 't'],
  ['Уу', 'y'],
  ['Үү', 'y'],
  ['Ԝԝ', 'w'],
  ['Хх', 'x'],
  // Greek
  ['Αα', 'a'],
  ['Ββ', 'b'],
  ['Εε', 'e'],
  ['Ζ', 'z'],
  ['Η', 'h'],
  ['η', 'n'],
  ['Ιι', 'i'],
  ['Κκ', 'k'],
  ['Μ', 'm'],
  ['Ν', 'n'],
  ['ν', 'v'],
  ['Οο', 'o'],
  ['Ρρ', 'p'],
  ['Ττ', 't'],
  ['Υ', 'y'],
  ['υ', 'u'],
  ['Χχ', 'x'],
  ['γ', 'y'],
  ['ω', 'w'],
  ['ϲϹ', 'c'],
  ['ϳ', 'j'],
  // Armenian
  ['օ', 'o'],
  ['ս', 'u'],
  ['ո', 'n'],
  ['հ', 'h'],
  ['զ', 'q'],
  ['ց', 'g'],
];

/** Latin letters that look like a Cyrillic letter, for Latin letters inside a Cyrillic word. */
const LATIN_TO_CYRILLIC = 'aа bв cс eе hн iі jј kк mм oо pр tт xх yу';
/** Latin letters that look like a Greek letter, for Latin letters inside a Greek word. */
const LATIN_TO_GREEK = 'aα bβ eε iι kκ nη oο pρ tτ uυ vν xχ yγ wω zζ';

export const TO_LATIN_TABLE = new Uint16Array(0x10000);
export const LATIN_TO_CYRILLIC_TABLE = new Uint16Array(0x80);
export const LATIN_TO_GREEK_TABLE = new Uint16Array(0x80);
/**
 * Skeleton: lower case, then the Latin look-alike if any. Two letters with the same skeleton
 * read as the same letter, which is what repeated-letter and splitting decisions need.
 */
export const SKELETON = new Uint16Array(0x10000);

for (const [keys, latin] of TO_LATIN) {
  for (const k of keys) TO_LATIN_TABLE[k.charCodeAt(0)] = latin.charCodeAt(0);
}
for (const pair of LATIN_TO_CYRILLIC.split(' ')) LATIN_TO_CYRILLIC_TABLE[pair.charCodeAt(0)] = pair.charCodeAt(1);
for (const pair of LATIN_TO_GREEK.split(' ')) LATIN_TO_GREEK_TABLE[pair.charCodeAt(0)] = pair.charCodeAt(1);

/** Leetspeak digits and symbols → the letter they stand for (0 where none). */
export const LEET = new Uint16Array(0x80);
for (const pair of ['0o', '1i', '3e', '4a', '5s', '7t', '@a', '$s', '|l', '!i']) {
  LEET[pair.charCodeAt(0)] = pair.charCodeAt(1);
}

// An upper-case letter without its own entry reads like its lower case (Ϳ like ϳ), so a letter
// maps the same before and after lower-casing.
for (let c = 0; c < 0x10000; c++) {
  const lower = LOWER[c] as number;
  if (TO_LATIN_TABLE[c] === 0 && lower !== c) TO_LATIN_TABLE[c] = TO_LATIN_TABLE[lower] as number;
}
for (let c = 0; c < 0x10000; c++) {
  const latin = TO_LATIN_TABLE[c] as number;
  SKELETON[c] = latin !== 0 ? latin : (LOWER[c] as number);
}
for (let c = 0; c < 0x80; c++) if (LEET[c] !== 0 && (c < 0x61 || c > 0x7a)) SKELETON[c] = LEET[c] as number;
