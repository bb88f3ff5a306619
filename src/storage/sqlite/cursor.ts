import { invalidInput } from '../../core/errors.js';

/**
 * Keyset cursors: the sort key of the last row of a page, as base64url JSON. Callers treat them
 * as opaque; a tampered or foreign cursor is refused rather than silently restarting the list.
 */
export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** `shape` is the type of each position, e.g. `['number', 'string']`. */
export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidInput('the page cursor is not one this list handed out', 'cursor');
  }
  const fits =
    Array.isArray(parsed) &&
    parsed.length === shape.length &&
    parsed.every(
      (value, index) => typeof value === shape[index] && (typeof value !== 'number' || Number.isFinite(value)),
    );
  if (!fits) throw invalidInput('the page cursor is not one this list handed out', 'cursor');
  return parsed as CursorKey;
}

/** Pages are fetched one row long: the extra row only says whether a next page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  keyOf: (row: R) => CursorKey,
): { rows: T[]; next?: string } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const rowsOut = page.map(map);
  return rows.length > limit && last !== undefined
    ? { rows: rowsOut, next: encodeCursor(keyOf(last)) }
    : { rows: rowsOut };
}

export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw invalidInput(`limit must be a whole number of at least 1, got ${limit}`, 'limit');
  }
  return limit;
}
