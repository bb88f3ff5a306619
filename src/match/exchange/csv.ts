/**
 * RFC 4180 CSV, read in chunks so a 1 GB hash list never sits in memory. Written here because
 * Rasd has no CSV dependency and the exchange files need only the RFC: comma separator,
 * double-quoted fields with `""` escapes, CRLF or LF (or lone CR) line ends. Lenient where
 * exchange tools are sloppy: a quote inside an unquoted field is kept as a character.
 */

export interface CsvRow {
  fields: string[];
  /** 1-based line on which the row starts (a quoted field may span lines). */
  line: number;
}

/** Why the input cannot be read on from `line`: an unterminated quoted field, or one past the size limit. */
export interface CsvFatal {
  message: string;
  line: number;
}

/** A field longer than this is a runaway quote, not data: no bank value is near it. */
export const MAX_CSV_FIELD_CHARS = 4 << 20;

const UNQUOTED_STOP = /[,\r\n"]/g;

/**
 * Feed `push(chunk)` with text as it arrives and `end()` once; each returns the rows it
 * completed. Blank lines are skipped (an exchange file has no meaningful empty record). Once
 * the input breaks, `fatal` says where and why, and later input is ignored: the rows before
 * the break were returned and stay good.
 */
export class CsvReader {
  readonly #maxField: number;
  #fields: string[] = [];
  #field = '';
  /** Inside a quoted field. */
  #quoted = false;
  /** The last character read was a quote inside a quoted field: an escape or the closing quote. */
  #quotePending = false;
  /** The last character read was a CR: a following LF belongs to the same line end. */
  #crPending = false;
  /** Something was read on this row (distinguishes an empty line from a row of one empty field). */
  #rowStarted = false;
  #line = 1;
  #rowLine = 1;
  #fatal: CsvFatal | undefined;

  constructor(options: { maxFieldChars?: number } = {}) {
    this.#maxField = options.maxFieldChars ?? MAX_CSV_FIELD_CHARS;
  }

  get fatal(): CsvFatal | undefined {
    return this.#fatal;
  }

  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let i = 0;
    const n = chunk.length;
    while (i < n && !this.#fatal) {
      if (this.#crPending) {
        this.#crPending = false;
        if (chunk.charCodeAt(i) === 10) {
          i++;
          continue;
        }
      }
      if (this.#quoted) {
        i = this.#readQuoted(chunk, i);
        continue;
      }
      UNQUOTED_STOP.lastIndex = i;
      const stop = UNQUOTED_STOP.exec(chunk);
      const end = stop ? stop.index : n;
      if (end > i) {
        this.#append(chunk.slice(i, end));
        this.#rowStarted = true;
      }
      if (!stop || this.#fatal) break;
      const ch = chunk[end];
      i = end + 1;
      if (ch === ',') {
        this.#fields.push(this.#field);
        this.#field = '';
        this.#rowStarted = true;
      } else if (ch === '"') {
        if (this.#field === '') this.#quoted = true;
        else this.#append('"');
        this.#rowStarted = true;
      } else {
        this.#endRow(rows);
        this.#line++;
        this.#rowLine = this.#line;
        if (ch === '\r') this.#crPending = true;
      }
    }
    return rows;
  }

  end(): CsvRow[] {
    if (this.#fatal) return [];
    // A quote as the very last character closed its field.
    if (this.#quoted && this.#quotePending) this.#quoted = false;
    if (this.#quoted) {
      this.#fatal = {
        message: `a quoted field opened on line ${this.#rowLine} never closes: the file ends inside it`,
        line: this.#rowLine,
      };
      return [];
    }
    const rows: CsvRow[] = [];
    this.#endRow(rows);
    return rows;
  }

  #readQuoted(chunk: string, start: number): number {
    let i = start;
    if (this.#quotePending) {
      this.#quotePending = false;
      if (chunk[i] === '"') {
        this.#append('"');
        return i + 1;
      }
      // The quote closed the field; characters before the next comma are kept, leniently.
      this.#quoted = false;
      return i;
    }
    const quote = chunk.indexOf('"', i);
    const end = quote === -1 ? chunk.length : quote;
    const text = chunk.slice(i, end);
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.#line++;
    this.#append(text);
    i = end;
    if (quote !== -1) {
      this.#quotePending = true;
      i++;
    }
    return i;
  }

  #append(text: string): void {
    this.#field += text;
    if (this.#field.length > this.#maxField) {
      this.#fatal = {
        message: `a field on line ${this.#rowLine} is longer than ${this.#maxField} characters; a quote is probably never closed`,
        line: this.#rowLine,
      };
    }
  }

  #endRow(rows: CsvRow[]): void {
    if (this.#rowStarted || this.#fields.length > 0) {
      this.#fields.push(this.#field);
      rows.push({ fields: this.#fields, line: this.#rowLine });
    }
    this.#fields = [];
    this.#field = '';
    this.#rowStarted = false;
  }
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV record with its CRLF line end (the RFC's, and Python's csv module default). */
export function formatCsvRow(fields: readonly string[]): string {
  return `${fields.map((f) => (NEEDS_QUOTES.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')}\r\n`;
}
