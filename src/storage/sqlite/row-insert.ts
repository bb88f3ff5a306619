import type Database from 'better-sqlite3';

/** One column value as SQLite binds it; rows travel as flat arrays of these (cheap to copy to a worker). */
export type Cell = string | number | null;

/**
 * Inserts rows of one table, in order, through one statement prepared once. Rows come as one
 * flat array, `width` cells a row in column order, and are bound through one reused parameter
 * array: no object or array per row. Measured on a scan-sized batch, a prepared single-row
 * INSERT beat both a multi-row VALUES statement and one JSON array unpacked by json_each
 * (SQLite re-parses each element for every column), and a RETURNING clause cost more than
 * looking up beforehand what is already stored.
 */
export class RowInsert<Row extends object> {
  readonly #statement: Database.Statement<unknown[]>;
  readonly #params: Cell[];
  /** Cells per row. */
  readonly width: number;

  /** `conflict` is an optional `ON CONFLICT ...` clause. */
  constructor(db: Database.Database, table: string, columns: readonly (keyof Row & string)[], conflict = '') {
    this.#statement = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ${conflict}`,
    );
    this.width = columns.length;
    this.#params = new Array<Cell>(columns.length).fill(null);
  }

  /**
   * Inserts the rows (those `where` accepts, given the offset of their first cell) and returns
   * how many were stored; `onStored` hears of each one (rows skipped by the conflict clause are
   * neither counted nor heard of).
   */
  run(cells: readonly Cell[], where?: (at: number) => boolean, onStored?: (at: number) => void): number {
    const params = this.#params;
    const width = this.width;
    let stored = 0;
    for (let at = 0; at + width <= cells.length; at += width) {
      if (where !== undefined && !where(at)) continue;
      for (let k = 0; k < width; k++) params[k] = cells[at + k] as Cell;
      if (this.#statement.run(params).changes === 0) continue;
      stored += 1;
      onStored?.(at);
    }
    return stored;
  }
}

/**
 * A row type's column names, in the order written. Taking them as a record makes the compiler
 * refuse a list that misses a column of the row type, or names one it does not have.
 */
export function columnsOf<Row extends object>(columns: Record<keyof Row & string, true>): (keyof Row & string)[] {
  return Object.keys(columns) as (keyof Row & string)[];
}

/** Where a column sits in a row of `columns`, for reading flat rows. */
export function columnAt<Row extends object>(
  columns: readonly (keyof Row & string)[],
  column: keyof Row & string,
): number {
  return columns.indexOf(column);
}

/** Appends a row's values to a flat array in column order. */
export function pushRow<Row extends object>(columns: readonly (keyof Row & string)[], row: Row, out: Cell[]): void {
  for (const column of columns) out.push(row[column] as Cell);
}
