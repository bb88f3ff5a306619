/**
 * Word tokens of normalised text: maximal runs of letters, combining marks and decimal digits
 * (`\p{L}\p{M}\p{Nd}`, the same classes as the lexicon tokenizer). Everything else — spaces,
 * punctuation, emoji, `#`, `@`, `-`, `_` — separates tokens. Shingles are built from these
 * runs, so punctuation, emoji and spacing never change a signature.
 */

const WORD_RE = /^[\p{L}\p{M}\p{Nd}]$/u;
let bmpWord: Uint8Array | undefined;
const astralWord = new Map<number, boolean>();

function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (WORD_RE.test(String.fromCharCode(c))) table[c] = 1;
  }
  return table;
}

function isAstralWord(cp: number): boolean {
  let v = astralWord.get(cp);
  if (v === undefined) {
    v = WORD_RE.test(String.fromCodePoint(cp));
    if (astralWord.size < 4096) astralWord.set(cp, v);
  }
  return v;
}

/**
 * Token `i` is `text.slice(starts[i], ends[i])` for `i < count`; `chars` is the number of UTF-16
 * units inside tokens (the text's content, without separators). The arrays are shared scratch
 * buffers, possibly longer than `count` and valid only until the next `tokenize` call: a typed
 * array allocation per message costs more than the whole tokenisation.
 */
export interface Tokens {
  count: number;
  chars: number;
  starts: Int32Array;
  ends: Int32Array;
}

const scratch: Tokens = { count: 0, chars: 0, starts: new Int32Array(256), ends: new Int32Array(256) };

/** Splits `text` into word tokens, into the shared scratch spans. */
export function tokenize(text: string): Tokens {
  bmpWord ??= buildTable();
  const table = bmpWord;
  const n = text.length;
  // At most one token per two units (a unit and a separator), plus one.
  if (scratch.starts.length < (n >> 1) + 1) {
    const size = Math.max((n >> 1) + 1, scratch.starts.length * 2);
    scratch.starts = new Int32Array(size);
    scratch.ends = new Int32Array(size);
  }
  const starts = scratch.starts;
  const ends = scratch.ends;
  let count = 0;
  let chars = 0;
  let start = -1;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    let word: boolean;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        width = 2;
        word = isAstralWord(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      } else word = false;
    } else word = table[c] === 1;
    if (word) {
      if (start < 0) start = i;
      chars += width;
    } else if (start >= 0) {
      starts[count] = start;
      ends[count++] = i;
      start = -1;
    }
    i += width;
  }
  if (start >= 0) {
    starts[count] = start;
    ends[count++] = n;
  }
  scratch.count = count;
  scratch.chars = chars;
  return scratch;
}
