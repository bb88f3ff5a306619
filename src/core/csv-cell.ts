/**
 * CSV for files people open in spreadsheets (reports, referral batches): RFC 4180 quoting plus a
 * guard against formula injection, since channel titles, org names and entry ids are written by
 * whoever runs the channel (OWASP "CSV injection"). One writer, so every human-facing CSV is
 * defused the same way. Bank exchange files are machine-read and keep their values verbatim
 * (`match/exchange/csv.ts`).
 */

/** Spreadsheets treat a cell that starts with one of these as a formula (or, for tab/CR, strip to one). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A signed plain number cannot carry a formula, and Telegram chat ids look like "-1001234567890":
 * prefixing those would break every join on the id, so they are left as they are.
 */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Text cells only: a leading apostrophe makes Excel, LibreOffice and Sheets show the text as
 * typed instead of evaluating it. Numbers are written by us and never need it.
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell: formula-defused, then quoted when it holds a comma, quote, CR or LF. */
export function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = defuseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header and rows joined with CRLF, as RFC 4180 says, ending with a CRLF. */
export function csvTable(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined | null>>,
): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
