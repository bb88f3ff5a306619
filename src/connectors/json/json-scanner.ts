import { type AppError, appError } from '../../core/index.js';
import { BOM, describeByte, SCALAR, VALUE_START, WHITESPACE } from './json-bytes.js';
import { type JsonKey, type JsonPath, toPointer } from './json-path.js';

export type { JsonKey, JsonPath } from './json-path.js';
export { toPointer } from './json-path.js';

/**
 * The byte-level state machine behind `streamJsonValues`. It keeps a full parser only for the
 * containers the caller descends into (a few per chat); everything else, skipped or captured, is
 * crossed by a tight loop that only follows strings, escapes and bracket nesting, which is what
 * makes it fast. Its state survives a chunk boundary at any byte: inside a string, after a
 * backslash, inside a multi-byte UTF-8 sequence (those bytes are never quote or backslash), in a
 * key or in a bare number.
 */

export type Selection = 'capture' | 'descend' | 'skip';

export type JsonStreamItem =
  | { path: JsonKey[]; value: unknown; offset: number; error?: undefined }
  | { path: JsonKey[]; error: AppError; offset: number; value?: undefined };

export interface JsonScanOptions {
  /**
   * Called once per value in a descended container (and for the root, with `[]`). The array is
   * reused as the scan moves on: copy it to keep it (yielded paths are copies already).
   */
  select(path: JsonPath): Selection;
  /** A captured value longer than this is reported and skipped, never buffered whole. */
  maxValueBytes: number;
  /** Nesting deeper than this is refused: a file of a billion `[` must not exhaust memory. */
  maxDepth?: number;
}

// Local, not imported: V8 folds a module's own constants into the hot loops, imported ones not.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

// Numeric modes rather than strings keep the dispatch a small-integer switch.
const VALUE = 0;
const VALUE_OR_END = 1;
const KEY_OR_END = 2;
const KEY = 3;
const KEY_STRING = 4;
const AFTER_COLON = 5;
const AFTER_VALUE = 6;
const INNER = 7;
const DONE = 8;
const FAILED = 9;

const OBJECT = 1;
const ARRAY = 2;

export class JsonScanner {
  private readonly select: (path: JsonPath) => Selection;
  private readonly maxValueBytes: number;
  private readonly maxDepth: number;
  private mode = VALUE;
  /** Kinds of the descended containers, outermost first; `path` has one key per frame. */
  private readonly frames: number[] = [];
  private readonly path: JsonKey[] = [];
  private base = 0;
  private out: JsonStreamItem[] = [];

  // State of the skipped or captured value being crossed.
  private readonly stack: Uint8Array;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private capturing = false;
  private overflow = false;
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private start = 0;
  private valueOffset = 0;

  constructor(options: JsonScanOptions) {
    this.select = options.select;
    this.maxValueBytes = options.maxValueBytes;
    this.maxDepth = options.maxDepth ?? 1024;
    this.stack = new Uint8Array(this.maxDepth + 1);
  }

  get failed(): boolean {
    return this.mode === FAILED;
  }

  /** Scans one chunk; returns what it completed. The chunk must not be reused by its producer. */
  feed(buf: Buffer): JsonStreamItem[] {
    this.out = [];
    const n = buf.length;
    let i = this.base === 0 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2] ? 3 : 0;
    while (i < n && this.mode !== FAILED) {
      if (this.mode === INNER) i = this.scanInner(buf, i);
      else if (this.mode === KEY_STRING) i = this.scanKey(buf, i);
      else i = this.scanStructure(buf, i);
    }
    if (this.mode === INNER) this.holdPiece(buf);
    else if (this.mode === KEY_STRING) this.holdKeyPiece(buf);
    this.base += n;
    return this.out;
  }

  /** Ends the input: a bare root scalar completes, anything still open is reported truncated. */
  finish(): JsonStreamItem[] {
    this.out = [];
    if (this.mode === INNER && this.scalar && this.frames.length === 0) {
      this.finishValue(Buffer.alloc(0), 0);
    } else if (this.mode !== DONE && this.mode !== FAILED) {
      const where = this.path.length > 0 ? ` inside ${toPointer(this.path)}` : '';
      this.emitError(
        'EXPORT_TRUNCATED',
        `the JSON ends early at byte ${this.base}${where}: the file is incomplete; everything before it was read, re-export or copy the whole file to read the rest`,
        this.base,
      );
      this.mode = FAILED;
    }
    return this.out;
  }

  private emitError(
    code: 'EXPORT_TRUNCATED' | 'EXPORT_JSON_INVALID' | 'EXPORT_LIMIT_EXCEEDED',
    detail: string,
    offset: number,
  ): void {
    const pointer = toPointer(this.path);
    this.out.push({ path: this.path.slice(), error: appError(code, detail, pointer), offset });
  }

  /** Reports a problem the scan cannot go past and stops there. */
  private stop(code: 'EXPORT_JSON_INVALID' | 'EXPORT_LIMIT_EXCEEDED', detail: string, i: number): number {
    this.emitError(code, detail, this.base + i);
    this.mode = FAILED;
    return i + 1;
  }

  private fail(i: number, c: number, expected: string): number {
    const where = this.path.length > 0 ? ` in ${toPointer(this.path)}` : '';
    const detail = `unexpected ${describeByte(c)} at byte ${this.base + i}${where} where ${expected} was expected: the file is not valid JSON and reading stopped there; re-export it`;
    return this.stop('EXPORT_JSON_INVALID', detail, i);
  }

  private tooDeep(i: number): number {
    const detail = `nesting deeper than ${this.maxDepth} levels at byte ${this.base + i}: reading stopped; this is not a normal export`;
    return this.stop('EXPORT_LIMIT_EXCEEDED', detail, i);
  }

  /** The parser of descended containers: whitespace, punctuation, keys and value starts. */
  private scanStructure(buf: Buffer, from: number): number {
    const n = buf.length;
    for (let i = from; i < n; i++) {
      const c = buf[i] as number;
      if (WHITESPACE[c] === 1) continue;
      switch (this.mode) {
        case VALUE:
          return this.startValue(i, c);
        case VALUE_OR_END:
          return c === RBRACKET ? this.closeFrame(i) : this.startValue(i, c);
        case KEY_OR_END:
          if (c === RBRACE) return this.closeFrame(i);
          return c === QUOTE ? this.startKey(i) : this.fail(i, c, 'a key or }');
        case KEY:
          return c === QUOTE ? this.startKey(i) : this.fail(i, c, 'a key');
        case AFTER_COLON:
          if (c !== COLON) return this.fail(i, c, "':'");
          this.mode = VALUE;
          return i + 1;
        case AFTER_VALUE:
          return this.afterValue(i, c);
        default:
          return this.fail(i, c, 'the end of the file');
      }
    }
    return n;
  }

  private afterValue(i: number, c: number): number {
    const top = this.frames.length - 1;
    const kind = this.frames[top];
    if (c === COMMA) {
      if (kind === ARRAY) {
        (this.path[top] as number)++;
        this.mode = VALUE;
      } else {
        this.mode = KEY;
      }
      return i + 1;
    }
    if (c === (kind === ARRAY ? RBRACKET : RBRACE)) return this.closeFrame(i);
    return this.fail(i, c, kind === ARRAY ? "',' or ']'" : "',' or '}'");
  }

  private closeFrame(i: number): number {
    this.frames.pop();
    this.path.pop();
    this.mode = this.frames.length > 0 ? AFTER_VALUE : DONE;
    return i + 1;
  }

  private startKey(i: number): number {
    this.mode = KEY_STRING;
    this.pieces = [];
    this.pieceBytes = 0;
    this.start = i + 1;
    this.escaped = false;
    return i + 1;
  }

  private startValue(i: number, c: number): number {
    if (VALUE_START[c] !== 1) return this.fail(i, c, 'a value');
    const selection = this.select(this.path);
    const container = c === LBRACE || c === LBRACKET;
    if (selection === 'descend' && container) {
      if (this.frames.length >= this.maxDepth) return this.tooDeep(i);
      this.frames.push(c === LBRACE ? OBJECT : ARRAY);
      this.path.push(0);
      this.mode = c === LBRACE ? KEY_OR_END : VALUE_OR_END;
      return i + 1;
    }
    this.mode = INNER;
    this.capturing = selection === 'capture';
    this.overflow = false;
    this.pieces = [];
    this.pieceBytes = 0;
    this.start = i;
    this.valueOffset = this.base + i;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.scalar = false;
    if (container) {
      this.stack[0] = c;
      this.depth = 1;
    } else if (c === QUOTE) {
      this.inString = true;
    } else {
      this.scalar = true;
      return i;
    }
    return i + 1;
  }

  /**
   * Finds the closing quote of a string from `i`; -1 when the chunk ends first, with
   * `escaped` remembering a backslash that was the chunk's last byte.
   */
  private skipString(buf: Buffer, from: number): number {
    const n = buf.length;
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    // Native search for the quote, then count the backslashes before it: an even run means
    // the quote is real. Bytes before `i` cannot be part of a pending escape.
    while (i < n) {
      const q = buf.indexOf(QUOTE, i);
      const end = q < 0 ? n : q;
      let run = 0;
      while (end - run - 1 >= i && buf[end - run - 1] === BACKSLASH) run++;
      if (q < 0) {
        this.escaped = (run & 1) === 1;
        return -1;
      }
      if ((run & 1) === 0) return q;
      i = q + 1;
    }
    return -1;
  }

  /** Crosses a skipped or captured value: only strings and bracket nesting matter here. */
  private scanInner(buf: Buffer, from: number): number {
    const n = buf.length;
    let i = from;
    if (this.scalar) {
      while (i < n && SCALAR[buf[i] as number] === 1) i++;
      return i < n ? this.finishValue(buf, i) : n;
    }
    const stack = this.stack;
    let depth = this.depth;
    while (i < n) {
      if (this.inString) {
        const q = this.skipString(buf, i);
        if (q < 0) break;
        this.inString = false;
        i = q + 1;
        if (depth === 0) return this.finishValue(buf, i);
        continue;
      }
      const c = buf[i] as number;
      if (c === QUOTE) {
        this.inString = true;
      } else if (c === LBRACE || c === LBRACKET) {
        if (this.frames.length + depth >= this.maxDepth) return this.tooDeep(i);
        stack[depth++] = c;
      } else if (c === RBRACE || c === RBRACKET) {
        const open = stack[--depth];
        if (open !== (c === RBRACE ? LBRACE : LBRACKET)) {
          return this.fail(i, c, open === LBRACE ? "'}'" : "']'");
        }
        if (depth === 0) return this.finishValue(buf, i + 1);
      }
      i++;
    }
    this.depth = depth;
    return n;
  }

  /** The chunk ends inside a value: keep its bytes if they are wanted and within the limit. */
  private holdPiece(buf: Buffer): void {
    const n = buf.length;
    if (this.capturing && !this.overflow && n > this.start) {
      this.pieceBytes += n - this.start;
      if (this.pieceBytes > this.maxValueBytes) this.overflowed();
      else this.pieces.push(buf.subarray(this.start, n));
    }
    this.start = 0;
  }

  private holdKeyPiece(buf: Buffer): void {
    const n = buf.length;
    this.pieceBytes += n - this.start;
    if (this.pieceBytes > this.maxValueBytes) this.keyTooLong(n);
    else if (n > this.start) this.pieces.push(buf.subarray(this.start, n));
    this.start = 0;
  }

  private overflowed(): void {
    this.overflow = true;
    this.pieces = [];
    this.emitError(
      'EXPORT_LIMIT_EXCEEDED',
      `the value at byte ${this.valueOffset} is larger than the ${this.maxValueBytes}-byte record limit and was skipped; raise the limit to read it`,
      this.valueOffset,
    );
  }

  private finishValue(buf: Buffer, end: number): number {
    if (this.capturing && !this.overflow) {
      const total = this.pieceBytes + (end - this.start);
      if (total > this.maxValueBytes) this.overflowed();
      else this.materialise(buf, end, total);
    }
    this.pieces = [];
    this.mode = this.frames.length > 0 ? AFTER_VALUE : DONE;
    return end;
  }

  private materialise(buf: Buffer, end: number, total: number): void {
    const last = buf.subarray(this.start, end);
    const bytes = this.pieces.length === 0 ? last : Buffer.concat([...this.pieces, last], total);
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      // The parser's message quotes the input, and input may be message text: keep it out.
      this.emitError(
        'EXPORT_JSON_INVALID',
        `the value at byte ${this.valueOffset} is not valid JSON and was skipped; the rest of the file is read`,
        this.valueOffset,
      );
      return;
    }
    this.out.push({ path: this.path.slice(), value, offset: this.valueOffset });
  }

  private scanKey(buf: Buffer, from: number): number {
    const q = this.skipString(buf, from);
    if (q < 0) return buf.length;
    const last = buf.subarray(this.start, q);
    const bytes = this.pieces.length === 0 ? last : Buffer.concat([...this.pieces, last]);
    this.pieces = [];
    if (bytes.length > this.maxValueBytes) return this.keyTooLong(q);
    let key: string;
    if (bytes.includes(BACKSLASH)) {
      try {
        key = JSON.parse(`"${bytes.toString('utf8')}"`) as string;
      } catch {
        return this.fail(q, QUOTE, 'a valid key');
      }
    } else {
      key = bytes.toString('utf8');
    }
    this.path[this.path.length - 1] = key;
    this.mode = AFTER_COLON;
    return q + 1;
  }

  private keyTooLong(i: number): number {
    const detail = `an object key at byte ${this.base + i} is longer than the ${this.maxValueBytes}-byte record limit: reading stopped; this is not a normal export`;
    return this.stop('EXPORT_LIMIT_EXCEEDED', detail, i);
  }
}
