/**
 * Arabizi → Arabic letters. Arabizi writes Arabic with Latin letters and digits for the sounds
 * Latin lacks (3 ع, 7 ح, 5 خ, 2 ء, 6 ط, 9 ص, 8 ق; 3' غ, 7' خ, 9' ض, 6' ظ). Short vowels are not
 * written in Arabic, so the table is lossy by design: a medial e is dropped, a and i are written
 * as alef and yeh, a final a of a longer word is taken as ta marbuta (written ه, its canonical
 * form), and doubled consonants are written once. Ambiguous digits take their most common
 * reading. The output is in canonical form, ready for the lexicon.
 */

const ALEF = 0x0627;
const YEH = 0x064a;
const WAW = 0x0648;
const HEH = 0x0647;
const LAM = 0x0644;

/** Latin letter or digit → Arabic letter (0: none). `x` is two letters, handled apart. */
const SINGLE = new Uint16Array(0x80);
for (const [latin, arabic] of Object.entries({
  b: 'ب',
  c: 'ك',
  d: 'د',
  f: 'ف',
  g: 'ج',
  h: 'ه',
  j: 'ج',
  k: 'ك',
  l: 'ل',
  m: 'م',
  n: 'ن',
  p: 'ب',
  q: 'ق',
  r: 'ر',
  s: 'س',
  t: 'ت',
  v: 'ف',
  w: 'و',
  y: 'ي',
  z: 'ز',
  '2': 'ء',
  '3': 'ع',
  '5': 'خ',
  '6': 'ط',
  '7': 'ح',
  '8': 'ق',
  '9': 'ص',
})) {
  SINGLE[latin.charCodeAt(0)] = arabic.charCodeAt(0);
}

/** Two-character spellings → one Arabic letter, keyed by first code * 128 + second code. */
const DIGRAPHS = new Map<number, number>();
for (const [pair, arabic] of Object.entries({
  sh: 'ش',
  ch: 'ش',
  kh: 'خ',
  gh: 'غ',
  th: 'ث',
  dh: 'ذ',
  "3'": 'غ',
  "7'": 'خ',
  "9'": 'ض',
  "6'": 'ظ',
  ou: 'و',
  oo: 'و',
  ee: 'ي',
  aa: 'ا',
})) {
  DIGRAPHS.set(pair.charCodeAt(0) * 128 + pair.charCodeAt(1), arabic.charCodeAt(0));
}

/** Article forms that attach to the next word: el dawla → الدوله. */
const ARTICLES = new Set(['el', 'al', 'il', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an']);

function isVowel(c: number): boolean {
  return c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75;
}

function isConsonant(c: number): boolean {
  return c < 0x80 && SINGLE[c] !== 0 && c > 0x39;
}

function letters(w: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if (w.charCodeAt(i) >= 0x61) n++;
  return n;
}

/** The Arabic letter for the vowel at `i` of `w[a, b)` (0: not written). */
function vowel(w: string, a: number, b: number, i: number): number {
  const c = w.charCodeAt(i);
  if (i === a) return ALEF;
  // After a leading 2 (hamza on alef) the vowel is the alef's own: 2ana → انا.
  if (i === a + 1 && w.charCodeAt(a) === 0x32) return 0;
  const last = i === b - 1;
  if (c === 0x61) {
    if (last) return letters(w, a, b) >= 4 ? HEH : ALEF;
    // a before w or y and a consonant is a diphthong: dawla, bayt.
    const next = w.charCodeAt(i + 1);
    return (next === 0x77 || next === 0x79) && i + 2 < b && isConsonant(w.charCodeAt(i + 2)) ? 0 : ALEF;
  }
  if (c === 0x65) return last ? YEH : 0;
  if (c === 0x69) return i + 1 < b && w.charCodeAt(i + 1) === 0x79 ? 0 : YEH;
  return WAW;
}

/** Transliterates the lower-case Arabizi word `w[a, b)`; each output unit comes from `map[i]`. */
function transliterateWord(w: string, a: number, b: number, map: Int32Array, out: number[], src: number[]): void {
  let prev = -1;
  for (let i = a; i < b; ) {
    const c = w.charCodeAt(i);
    const pair = i + 1 < b ? (DIGRAPHS.get(c * 128 + w.charCodeAt(i + 1)) ?? 0) : 0;
    let arabic: number;
    if (pair !== 0) arabic = i === a && isVowel(c) ? ALEF : pair;
    else if (isVowel(c)) arabic = vowel(w, a, b, i);
    else if (c === 0x32 && i === a) arabic = ALEF;
    else if (c === 0x78) arabic = -1;
    // A doubled consonant is one letter with shadda.
    else arabic = c === prev ? 0 : c < 0x80 ? (SINGLE[c] as number) : c;
    if (arabic === -1) {
      out.push(0x0643, 0x0633); // x: ks
      src.push(map[i] as number, map[i] as number);
    } else if (arabic !== 0) {
      out.push(arabic);
      src.push(map[i] as number);
    }
    prev = pair === 0 ? c : -1;
    i += pair === 0 ? 1 : 2;
  }
}

function isArabiziUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27;
}

/**
 * The Arabic reading of a canonical Arabizi message: every Latin word transliterated, all else
 * copied, an article joined to the word after it. Returns the text and a map into the original.
 */
export function transliterate(text: string, map: Int32Array): { text: string; map: Int32Array } {
  const out: number[] = [];
  const src: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (!isArabiziUnit(c) || c === 0x27) {
      out.push(c);
      src.push(map[i] as number);
      i++;
      continue;
    }
    let j = i;
    while (j < n && isArabiziUnit(text.charCodeAt(j))) j++;
    const sep = text.charCodeAt(j);
    if (j - i <= 3 && (sep === 0x20 || sep === 0x2d) && ARTICLES.has(text.slice(i, j))) {
      if (j + 1 < n && isArabiziUnit(text.charCodeAt(j + 1))) {
        // The article is written joined to its word.
        out.push(ALEF, LAM);
        src.push(map[i] as number, map[i] as number);
        i = j + 1;
        continue;
      }
    }
    transliterateWord(text, i, j, map, out, src);
    i = j;
  }
  return { text: String.fromCharCode.apply(null, out), map: Int32Array.from(src) };
}
