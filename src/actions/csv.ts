/**
 * RFC 4180 CSV with a guard against spreadsheet formula injection: referral files are opened in
 * spreadsheets by platform trust-and-safety staff, and a channel title or bank entry id starting
 * with `=` would otherwise run as a formula on their machine (OWASP "CSV injection").
 */

// Plain numbers such as Telegram's `-1001234` chat ids are data, not formulas; quoting them would corrupt them.
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-guarded, then quoted when it holds a comma, quote, CR or LF. */
export function csvCell(value: string | number | undefined | null): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows joined with CRLF, as RFC 4180 says, ending with a CRLF. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>,
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
