import { CsvReader, type CsvRow } from './csv.js';
import type { ExchangeReader, RecordAt, RecordOutcome } from './exchange-record.js';
import { type JsonRecordOptions, JsonRecordReader } from './json-records.js';

/**
 * The streaming shells every format sits in: CSV rows or JSON records in, record outcomes
 * out, and one `fatal` when the file breaks. Formats supply only the per-record mapping.
 */

type Fatal = { message: string; line: number };

/** A CSV row's outcome; `undefined` for a row that is not a record (the header); `fatal` to stop. */
export type RowResult = RecordOutcome | undefined | { fatal: string };

export function csvRecordReader(handle: (row: CsvRow) => RowResult): ExchangeReader {
  const csv = new CsvReader();
  let stopped: Fatal | undefined;
  let started = false;
  const take = (rows: CsvRow[]): RecordOutcome[] => {
    const out: RecordOutcome[] = [];
    for (const row of rows) {
      if (stopped) break;
      const result = handle(row);
      if (result === undefined) continue;
      if ('fatal' in result) stopped = { message: result.fatal, line: row.line };
      else out.push(result);
    }
    return out;
  };
  return {
    push: (chunk) => {
      if (stopped || chunk === '') return [];
      const rows = csv.push(started ? chunk : chunk.replace(/^\uFEFF/, ''));
      started = true;
      return take(rows);
    },
    end: () => (stopped ? [] : take(csv.end())),
    get fatal() {
      return stopped ?? csv.fatal;
    },
  };
}

export function jsonRecordReader(
  handle: (value: Record<string, unknown>, at: RecordAt) => RecordOutcome,
  options: JsonRecordOptions = {},
): ExchangeReader {
  const json = new JsonRecordReader(options);
  const take = (records: ReturnType<JsonRecordReader['push']>): RecordOutcome[] =>
    records.map((r) => {
      const at: RecordAt = { unit: 'record', n: r.n, line: r.line };
      if ('value' in r) return handle(r.value, at);
      return { at, entries: [], problems: [{ kind: 'rejected', message: `${r.error} — fix or remove the record` }] };
    });
  return {
    push: (chunk) => take(json.push(chunk)),
    end: () => take(json.end()),
    get fatal() {
      return json.fatal;
    },
  };
}

/**
 * Picks JSON or CSV by the first character that is not blank (`{` or `[` is JSON), for
 * formats that come both ways.
 */
export function sniffingReader(json: () => ExchangeReader, csv: () => ExchangeReader): ExchangeReader {
  let inner: ExchangeReader | undefined;
  let held = '';
  return {
    push: (chunk) => {
      if (inner) return inner.push(chunk);
      held += chunk;
      const first = /[^\s\uFEFF]/.exec(held)?.[0];
      if (first === undefined) return [];
      inner = first === '{' || first === '[' ? json() : csv();
      const all = held;
      held = '';
      return inner.push(all);
    },
    end: () => {
      if (!inner) return [];
      return inner.end();
    },
    get fatal() {
      return inner?.fatal;
    },
  };
}
