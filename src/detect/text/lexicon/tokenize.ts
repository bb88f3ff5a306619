/**
 * Splits folded text into word tokens: maximal runs of letters, combining marks and decimal
 * digits. Everything else (spaces, punctuation, emoji, `-`, `_`, `'`) separates tokens.
 */

const WORD_RE = /^[\p{L}\p{M}\p{Nd}]$/u;
let wordTable: Uint8Array | undefined;

function buildWordTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (WORD_RE.test(String.fromCharCode(c))) table[c] = 1;
  }
  return table;
}

const astralWord = new Map<number, boolean>();

function isAstralWord(cp: number): boolean {
  let v = astralWord.get(cp);
  if (v === undefined) {
    v = WORD_RE.test(String.fromCodePoint(cp));
    if (astralWord.size < 4096) astralWord.set(cp, v);
  }
  return v;
}

/**
 * Token boundaries in a folded string: token `i` is `text.slice(starts[i], ends[i])` for
 * `i < count`. The arrays are shared scratch buffers (possibly longer than `count`), valid
 * only until the next `tokenize` call: copy what you need to keep.
 */
export interface TokenSpans {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}

const scratch: TokenSpans = { count: 0, starts: new Int32Array(256), ends: new Int32Array(256) };

function push(start: number, end: number): void {
  if (scratch.count === scratch.starts.length) {
    const size = scratch.starts.length * 2;
    const s = new Int32Array(size);
    s.set(scratch.starts);
    scratch.starts = s;
    const e = new Int32Array(size);
    e.set(scratch.ends);
    scratch.ends = e;
  }
  scratch.starts[scratch.count] = start;
  scratch.ends[scratch.count++] = end;
}

/** Finds the word tokens of `text` (already folded). Returns the shared scratch spans. */
export function tokenize(text: string): TokenSpans {
  if (wordTable === undefined) wordTable = buildWordTable();
  const table = wordTable;
  const n = text.length;
  scratch.count = 0;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let word: boolean;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        word = isAstralWord(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        width = 2;
      } else word = false;
    } else word = table[c] === 1;
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      push(start, i);
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) push(start, n);
  return scratch;
}

/** True if `c` is an Arabic-script code unit (base block, supplement, extended-A). */
export function isArabicUnit(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff);
}
