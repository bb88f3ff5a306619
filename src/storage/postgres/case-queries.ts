import type pg from 'pg';
import type { Case, CaseEvent, CaseStatus } from '../../core/index.js';
import type { Page } from '../ports.js';
import { type CaseEventRow, type CaseRow, rowToCase, rowToCaseEvent } from '../sqlite/case-codec.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';

/**
 * A case's status is derived from its events: once the review desk has enrolled a case, its
 * projection (`review_state`, migration 4) holds the status, as on SQLite.
 */
const CASES = `(SELECT c.id, c.item_key, COALESCE(s.status, c.status) AS status, c.queue, c.priority, c.reason,
  c.opened_at, c.opened_ms::float8 AS opened_ms, COALESCE(s.updated_at, c.updated_at) AS updated_at
  FROM review_case c LEFT JOIN review_state s ON s.case_id = c.id) AS cases`;

/* The review queue order: highest priority first, then the longest waiting. */
const ORDER = 'ORDER BY priority DESC, opened_ms ASC, id ASC';

export class CaseQueries {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async getCase(id: string): Promise<Case | undefined> {
    const { rows } = await this.#pool.query<CaseRow>(`SELECT * FROM ${CASES} WHERE id = $1`, [id]);
    const row = rows[0];
    return row && rowToCase(row);
  }

  async listCases(query: { status?: CaseStatus; limit: number; cursor?: string }): Promise<Page<Case>> {
    const limit = checkLimit(query.limit);
    const values: unknown[] = [];
    const where: string[] = [];
    if (query.status !== undefined) {
      values.push(query.status);
      where.push(`status = $${values.length}`);
    }
    if (query.cursor !== undefined) {
      const [priority, openedMs, id] = decodeCursor(query.cursor, ['number', 'number', 'string']);
      values.push(priority, openedMs, id);
      const [p, o, i] = [values.length - 2, values.length - 1, values.length].map((n) => `$${n}`);
      where.push(`(priority < ${p}::float8 OR (priority = ${p}::float8
        AND (opened_ms > ${o}::float8 OR (opened_ms = ${o}::float8 AND id > ${i}))))`);
    }
    values.push(limit + 1);
    const { rows } = await this.#pool.query<CaseRow>(
      `SELECT * FROM ${CASES} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER} LIMIT $${values.length}`,
      values,
    );
    return toPage(rows, limit, rowToCase, (row) => [row.priority, row.opened_ms, row.id]);
  }

  async listCaseEvents(caseId: string): Promise<CaseEvent[]> {
    const { rows } = await this.#pool.query<CaseEventRow>(
      'SELECT case_id, type, at, payload FROM case_event WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    return rows.map(rowToCaseEvent);
  }
}
