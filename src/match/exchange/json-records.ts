/**
 * Cuts the records out of a JSON exchange file as it streams in, so a 1 GB list is never held
 * whole. One reader covers the shapes exchanges hand out:
 * - JSON Lines, or objects one after another: each object is a record;
 * - a JSON array of objects: each element is a record;
 * - a page object whose records sit in an array member (`{"results": [...]}` from the TAT hash
 *   list, `{"data": [...]}` from the Graph API): the array's elements are records, the other
 *   members (count, paging, checkpoint) are ignored.
 * Only the bracket structure is tracked here; each record's text goes to `JSON.parse`, so a
 * malformed record is reported and skipped while the records around it still count.
 */

export type JsonRecord =
  | { n: number; line: number; value: Record<string, unknown> }
  | { n: number; line: number; error: string };

/** Why the input cannot be read on from `line`: broken bracket structure, or a cut-off file. */
export interface JsonFatal {
  message: string;
  line: number;
}

export interface JsonRecordOptions {
  /** Members of a top-level object that hold the records (default `data`, `results`, `contents`). */
  containerKeys?: readonly string[];
  /** A record longer than this is reported and skipped without being held (default 8 Mi characters). */
  maxRecordChars?: number;
}

const DEFAULT_CONTAINER_KEYS = ['data', 'results', 'contents'];
const MAX_DEPTH = 256;
const LOOKBACK = 96;
const KEY_BEFORE = /"([A-Za-z0-9_]+)"\s*:\s*$/;
const STRING_STOP = /["\\\n]/g;

export class JsonRecordReader {
  readonly #containerKeys: ReadonlySet<string>;
  readonly #maxRecord: number;
  #buf = '';
  #stack = '';
  #inString = false;
  #escape = false;
  #line = 1;
  #n = 0;
  /** Stack depth whose direct children are records, or -1. */
  #elementDepth = -1;
  /** Skipping a non-object element of a record array. */
  #skipping = false;
  /** Stack depth once the current record's `{` is pushed, or -1 outside a record. */
  #recordDepth = -1;
  /** Where the record starts in `#buf`, or -1 when it grew too large to hold. */
  #recordStart = -1;
  #recordLine = 0;
  /** The top-level object is a page whose array members hold the records. */
  #inPage = false;
  #started = false;
  #fatal: JsonFatal | undefined;

  constructor(options: JsonRecordOptions = {}) {
    this.#containerKeys = new Set(options.containerKeys ?? DEFAULT_CONTAINER_KEYS);
    this.#maxRecord = options.maxRecordChars ?? 8 << 20;
  }

  get fatal(): JsonFatal | undefined {
    return this.#fatal;
  }

  push(chunk: string): JsonRecord[] {
    const out: JsonRecord[] = [];
    if (this.#fatal || chunk === '') return out;
    const from = this.#buf.length;
    // A byte-order mark is what some tools put first; it is not JSON.
    this.#buf += this.#started ? chunk : chunk.replace(/^\uFEFF/, '');
    this.#started = true;
    this.#scan(from, out);
    this.#compact();
    return out;
  }

  end(): JsonRecord[] {
    if (this.#fatal) return [];
    if (this.#stack !== '' || this.#inString) {
      const where = this.#recordDepth === -1 ? '' : ` inside record ${this.#n} (from line ${this.#recordLine})`;
      this.#fail(`the file ends${where} with ${this.#stack.length} bracket(s) still open: it is cut short`);
    }
    return [];
  }

  #scan(from: number, out: JsonRecord[]): void {
    const buf = this.#buf;
    let i = from;
    while (i < buf.length && !this.#fatal) {
      if (this.#inString) {
        i = this.#scanString(buf, i);
        continue;
      }
      const c = buf[i] as string;
      if (c === '\n') this.#line++;
      else if (c === '"') {
        this.#valueStart(c, out);
        this.#inString = true;
      } else if (c === '{' || c === '[') this.#open(c, i, out);
      else if (c === '}' || c === ']') this.#close(c, i, out);
      else if (c === ',') {
        if (this.#skipping && this.#stack.length === this.#elementDepth) this.#skipping = false;
      } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== ':') this.#valueStart(c, out);
      i++;
    }
  }

  #scanString(buf: string, start: number): number {
    let i = start;
    if (this.#escape) {
      this.#escape = false;
      return i + 1;
    }
    STRING_STOP.lastIndex = i;
    for (;;) {
      const stop = STRING_STOP.exec(buf);
      if (!stop) return buf.length;
      i = stop.index;
      if (buf[i] === '\n') {
        this.#line++;
        continue;
      }
      if (buf[i] === '\\') {
        if (i + 1 >= buf.length) {
          this.#escape = true;
          return buf.length;
        }
        STRING_STOP.lastIndex = i + 2;
        continue;
      }
      this.#inString = false;
      return i + 1;
    }
  }

  /** A scalar (or a string) starts: at the top level that is not JSON we can read; in a record array it is no record. */
  #valueStart(c: string, out: JsonRecord[]): void {
    if (this.#stack === '') {
      this.#fail(`line ${this.#line} starts with ${JSON.stringify(c)}; expected a JSON object or array`);
      return;
    }
    if (this.#stack.length === this.#elementDepth && this.#recordDepth === -1 && !this.#skipping) {
      this.#n++;
      this.#skipping = true;
      out.push({ n: this.#n, line: this.#line, error: 'is not a JSON object' });
    }
  }

  #open(c: '{' | '[', i: number, out: JsonRecord[]): void {
    const depth = this.#stack.length;
    if (depth >= MAX_DEPTH) {
      this.#fail(`line ${this.#line} nests brackets deeper than ${MAX_DEPTH}`);
      return;
    }
    if (this.#recordDepth === -1) {
      if (depth === 0) {
        if (c === '[') this.#elementDepth = 1;
        else this.#startRecord(i);
      } else if (depth === 1 && this.#inPage && c === '[' && this.#isContainer(i)) {
        this.#elementDepth = 2;
      } else if (depth === this.#elementDepth) {
        if (c === '{' && !this.#skipping) this.#startRecord(i);
        else this.#valueStart(c, out);
      }
    } else if (depth === 1 && this.#recordDepth === 1 && c === '[' && this.#isContainer(i)) {
      // The top-level object is a page, not a record: its array member holds the records.
      this.#n--;
      this.#recordDepth = -1;
      this.#recordStart = -1;
      this.#elementDepth = 2;
      this.#inPage = true;
    }
    this.#stack += c;
  }

  #close(c: '}' | ']', i: number, out: JsonRecord[]): void {
    const open = this.#stack.at(-1);
    if (open === undefined || (open === '{') !== (c === '}')) {
      this.#fail(`line ${this.#line} closes a bracket with ${JSON.stringify(c)} that does not match what is open`);
      return;
    }
    this.#stack = this.#stack.slice(0, -1);
    const depth = this.#stack.length;
    if (this.#recordDepth !== -1 && depth === this.#recordDepth - 1) {
      this.#endRecord(i, out);
    } else if (c === ']' && depth === this.#elementDepth - 1) {
      this.#elementDepth = -1;
      this.#skipping = false;
    }
    if (depth === 0) this.#inPage = false;
  }

  #isContainer(i: number): boolean {
    const key = KEY_BEFORE.exec(this.#buf.slice(Math.max(0, i - LOOKBACK), i))?.[1];
    return key !== undefined && this.#containerKeys.has(key);
  }

  #startRecord(i: number): void {
    this.#n++;
    this.#recordDepth = this.#stack.length + 1;
    this.#recordStart = i;
    this.#recordLine = this.#line;
  }

  #endRecord(i: number, out: JsonRecord[]): void {
    const at = { n: this.#n, line: this.#recordLine };
    if (this.#recordStart === -1) {
      out.push({ ...at, error: `is longer than ${this.#maxRecord} characters; it was not read` });
    } else {
      try {
        out.push({ ...at, value: JSON.parse(this.#buf.slice(this.#recordStart, i + 1)) as Record<string, unknown> });
      } catch (error) {
        out.push({ ...at, error: `is not valid JSON (${(error as Error).message})` });
      }
    }
    this.#recordDepth = -1;
    this.#recordStart = -1;
  }

  /** Keeps only what is still needed: the open record, else a short tail to find a page's key in. */
  #compact(): void {
    if (this.#recordStart !== -1 && this.#buf.length - this.#recordStart > this.#maxRecord) {
      // Dropped now and reported when it closes, so memory stays bounded.
      this.#recordStart = -1;
    }
    const keep = this.#recordStart !== -1 ? this.#recordStart : Math.max(0, this.#buf.length - LOOKBACK);
    if (keep > 0) {
      this.#buf = this.#buf.slice(keep);
      if (this.#recordStart !== -1) this.#recordStart -= keep;
    }
  }

  #fail(message: string): void {
    this.#fatal = { message, line: this.#line };
  }
}
