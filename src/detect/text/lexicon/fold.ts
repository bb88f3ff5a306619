/**
 * Folding for lexicon matching: a cheap, deterministic normal form that makes matching
 * case-, diacritic- and spelling-variant-insensitive while remembering, for every folded
 * character, where it came from in the original string.
 *
 * This is deliberately modest. A later normaliser (homoglyphs, leetspeak, spacing tricks)
 * will replace it behind the same `Fold` contract, so callers must rely only on that
 * contract: `map.length === text.length`, `map` is non-decreasing, and `map[i]` is the
 * UTF-16 offset of the start of the original code point that produced folded char `i`.
 */

/** The folded text and, for each folded UTF-16 unit, the offset of its source code point. */
export interface Folded {
  readonly text: string;
  readonly map: Int32Array;
}

/** A folding function. Must be pure and deterministic; the matcher folds terms and messages with it. */
export type Fold = (text: string) => Folded;

/** Characters removed outright (before any other rule). */
function isDropped(cp: number): boolean {
  return (
    // Combining diacritics (Latin, Greek, Cyrillic and generic).
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    // Arabic: Quranic annotation signs, harakat, superscript alef, Quranic marks, extended marks.
    (cp >= 0x0610 && cp <= 0x061a) ||
    (cp >= 0x064b && cp <= 0x065f) ||
    cp === 0x0670 ||
    (cp >= 0x06d6 && cp <= 0x06ed) ||
    (cp >= 0x08d3 && cp <= 0x08ff) ||
    // Tatweel (kashida).
    cp === 0x0640 ||
    // Invisible and bidi formatting characters.
    cp === 0x00ad ||
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff
  );
}

/** One-to-one replacements, applied to the input and again to NFKD output. */
const REPLACE = new Map<number, number>([
  // Arabic alef variants → bare alef.
  [0x0622, 0x0627], // آ
  [0x0623, 0x0627], // أ
  [0x0625, 0x0627], // إ
  [0x0671, 0x0627], // ٱ
  [0x0672, 0x0627], // ٲ
  [0x0673, 0x0627], // ٳ
  [0x0675, 0x0627], // ٵ
  // Hamza carriers, alef maqsura, Persian/Urdu yeh → yeh.
  [0x0624, 0x0648], // ؤ → و
  [0x0626, 0x064a], // ئ → ي
  [0x0649, 0x064a], // ى → ي
  [0x06cc, 0x064a], // ی → ي
  // Ta marbuta and heh look-alikes → heh.
  [0x0629, 0x0647], // ة
  [0x06c0, 0x0647], // ۀ
  [0x06c1, 0x0647], // ہ
  [0x06c3, 0x0647], // ۃ
  [0x06be, 0x0647], // ھ
  [0x06d5, 0x0647], // ە
  // Keheh → kaf.
  [0x06a9, 0x0643], // ک
  [0x06aa, 0x0643], // ڪ
  // Greek final sigma.
  [0x03c2, 0x03c3],
  // Dashes → hyphen-minus.
  [0x2010, 0x2d],
  [0x2011, 0x2d],
  [0x2012, 0x2d],
  [0x2013, 0x2d],
  [0x2014, 0x2d],
  [0x2015, 0x2d],
  [0x2212, 0x2d],
  // Apostrophes, ayn/hamza transliteration marks, primes, backtick → apostrophe.
  [0x0060, 0x27],
  [0x00b4, 0x27],
  [0x02b9, 0x27],
  [0x02bb, 0x27],
  [0x02bc, 0x27],
  [0x02be, 0x27],
  [0x02bf, 0x27],
  [0x2018, 0x27],
  [0x2019, 0x27],
  [0x201b, 0x27],
  [0x2032, 0x27],
]);
// Arabic-Indic and extended Arabic-Indic digits → ASCII digits.
for (let d = 0; d < 10; d++) {
  REPLACE.set(0x0660 + d, 0x30 + d);
  REPLACE.set(0x06f0 + d, 0x30 + d);
}

/** Folds one code point to a (possibly empty, possibly multi-unit) string. */
function foldCodePoint(cp: number): string {
  if (isDropped(cp)) return '';
  const direct = REPLACE.get(cp);
  if (direct !== undefined) return String.fromCharCode(direct);
  let out = '';
  for (const part of String.fromCodePoint(cp).normalize('NFKD')) {
    for (const lower of part.toLowerCase()) {
      const lcp = lower.codePointAt(0) as number;
      if (isDropped(lcp)) continue;
      const replaced = REPLACE.get(lcp);
      out += replaced === undefined ? lower : String.fromCharCode(replaced);
    }
  }
  return out;
}

const UNSET = -3;
const DROP = -1;
const MULTI = -2;
/** Per BMP code unit: the folded unit, DROP, MULTI (see `multiUnit`), or UNSET. */
const bmp = new Int32Array(0x10000).fill(UNSET);
const multiUnit = new Map<number, string>();
const astral = new Map<number, string>();

function bmpEntry(c: number): number {
  const folded = foldCodePoint(c);
  let v: number;
  if (folded.length === 0) v = DROP;
  else if (folded.length === 1) v = folded.charCodeAt(0);
  else {
    v = MULTI;
    multiUnit.set(c, folded);
  }
  bmp[c] = v;
  return v;
}

function astralFold(cp: number): string {
  let folded = astral.get(cp);
  if (folded === undefined) {
    folded = foldCodePoint(cp);
    if (astral.size < 4096) astral.set(cp, folded);
  }
  return folded;
}

let outBuf = new Uint16Array(1024);
let mapBuf = new Int32Array(1024);

function grow(min: number): void {
  let size = outBuf.length * 2;
  while (size < min) size *= 2;
  const o = new Uint16Array(size);
  o.set(outBuf);
  outBuf = o;
  const m = new Int32Array(size);
  m.set(mapBuf);
  mapBuf = m;
}

function decode(units: Uint16Array, length: number): string {
  const CHUNK = 8192;
  if (length <= CHUNK) {
    return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  }
  let s = '';
  for (let i = 0; i < length; i += CHUNK) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

/** Folds `input` into the module's scratch buffers and returns the folded length. */
function foldIntoScratch(input: string): number {
  const n = input.length;
  if (outBuf.length < n + 16) grow(n + 16);
  let k = 0;
  for (let i = 0; i < n; ) {
    const c = input.charCodeAt(i);
    if (c < 0x80) {
      if (k >= outBuf.length) grow(k + 1);
      outBuf[k] = c >= 0x41 && c <= 0x5a ? c + 32 : c === 0x60 ? 0x27 : c;
      mapBuf[k++] = i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = input.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const folded = astralFold(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        if (k + folded.length > outBuf.length) grow(k + folded.length);
        for (let j = 0; j < folded.length; j++) {
          outBuf[k] = folded.charCodeAt(j);
          mapBuf[k++] = i;
        }
        i += 2;
        continue;
      }
    }
    let v = bmp[c] as number;
    if (v === UNSET) v = bmpEntry(c);
    if (v >= 0) {
      if (k >= outBuf.length) grow(k + 1);
      outBuf[k] = v;
      mapBuf[k++] = i;
    } else if (v === MULTI) {
      const folded = multiUnit.get(c) as string;
      if (k + folded.length > outBuf.length) grow(k + folded.length);
      for (let j = 0; j < folded.length; j++) {
        outBuf[k] = folded.charCodeAt(j);
        mapBuf[k++] = i;
      }
    }
    i++;
  }
  return k;
}

/**
 * The default fold: NFKD per code point with combining marks removed (equivalent to NFKC
 * followed by mark stripping for the scripts we match), lower-casing, Arabic diacritic,
 * tatweel and invisible-character removal, Arabic/Persian/Urdu letter-variant folding,
 * Arabic-Indic digits to ASCII, and dash/apostrophe variants to `-` and `'`.
 * Separators themselves are kept: the tokenizer treats `-`, `_` and `'` as word breaks.
 */
export const basicFold: Fold = (input: string): Folded => {
  const k = foldIntoScratch(input);
  const map = new Int32Array(k);
  map.set(mapBuf.subarray(0, k));
  return { text: decode(outBuf, k), map };
};

/**
 * `basicFold` without the per-call map allocation, for the matcher's hot path: `map` is a
 * shared scratch buffer, possibly longer than `text`, valid only until the next call.
 * Not part of the public API.
 */
export function basicFoldScratch(input: string): Folded {
  const k = foldIntoScratch(input);
  return { text: decode(outBuf, k), map: mapBuf };
}

/**
 * True for characters that the default fold drops and that belong to the preceding letter
 * (combining marks, Arabic harakat, tatweel). Used to extend a hit's end over trailing marks.
 */
export function isTrailingMark(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f) ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x06d6 && c <= 0x06ed) ||
    (c >= 0x08d3 && c <= 0x08ff) ||
    c === 0x0640
  );
}

/**
 * The fold the shipped lexicon is compiled with. Today this is `basicFold`; when the full
 * evasion-resistant normaliser lands it will be swapped in here, behind the same contract.
 */
export const foldForLexicon: Fold = basicFold;

/**
 * `foldForLexicon(input).text`, without the map: callers that want the text alone (text banks)
 * spare an array per call, which costs more than the fold for a short message.
 */
export function foldTextForLexicon(input: string): string {
  if (foldForLexicon !== basicFold) return foldForLexicon(input).text;
  return decode(outBuf, foldIntoScratch(input));
}
