import {
  A_ARABIC_SPECIFIC,
  ATTR,
  C_ARABIC,
  CLS,
  isWordClass,
  K_HARAKA,
  K_KEEP,
  K_REPLACE,
  K_SPACE,
  KIND,
  REP1,
  REPN,
} from './tables.js';

/**
 * Word-level checks the character pass leaves for the end of the message, run only when the
 * message has harakat or look-alike letters: most messages never pay for them. A word here is a
 * maximal run of input characters that are letters, digits, marks or invisible characters.
 */

/** Whether input code unit `c` ends a word: whitespace, or a visible non-word character. */
function breaksWord(c: number): boolean {
  const kind = KIND[c] as number;
  if (kind === K_SPACE) return true;
  if (kind === K_KEEP) return !isWordClass(CLS[c] as number);
  if (kind === K_REPLACE) {
    const r = REP1[c] as number;
    const u = r !== 0 ? r : (REPN.get(c) ?? ' ').charCodeAt(0);
    return !isWordClass(CLS[u] as number);
  }
  return false;
}

/** Start and end of the word of `s` around offset `at`. */
export function wordAround(s: string, at: number): [number, number] {
  let a = at;
  while (a > 0 && !breaksWord(s.charCodeAt(a - 1))) a--;
  let b = at + 1;
  while (b < s.length && !breaksWord(s.charCodeAt(b))) b++;
  return [a, b];
}

/**
 * Whether the word of `s` around `at` holds a letter only Arabic uses (ي ك ة ى), with the end of
 * that word so a caller can reuse the answer for later offsets in it.
 */
export function wordHasArabicLetter(s: string, at: number): [number, boolean] {
  const [a, b] = wordAround(s, at);
  for (let i = a; i < b; i++) if (ATTR[s.charCodeAt(i)] === A_ARABIC_SPECIFIC) return [b, true];
  return [b, false];
}

/**
 * Words whose harakat are abnormal: a word holding a per-letter violation (`flagged`, sorted
 * offsets), or carrying far more signs than letters. Fully vocalised text, Qur'an included,
 * averages about one sign per letter and never more than one vowel per letter. Returns
 * [start, end, strength] triples.
 */
export function floodedWords(s: string, flagged: number[]): number[] {
  const out: number[] = [];
  let f = 0;
  for (let i = 0; i < s.length; ) {
    if (breaksWord(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const [a, b] = wordAround(s, i);
    let letters = 0;
    let harakat = 0;
    for (let j = a; j < b; j++) {
      const c = s.charCodeAt(j);
      const kind = KIND[c];
      if (kind === K_HARAKA) harakat++;
      else if (CLS[kind === K_REPLACE ? (REP1[c] as number) : c] === C_ARABIC) letters++;
    }
    let bad = false;
    while (f < flagged.length && (flagged[f] as number) < b) {
      if ((flagged[f] as number) >= a) bad = true;
      f++;
    }
    const dense = letters >= 3 && harakat * 5 > letters * 8;
    if (bad || dense) out.push(a, b, bad && dense ? 0.7 : 0.5);
    i = b;
  }
  return out;
}
