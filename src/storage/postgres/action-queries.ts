import type pg from 'pg';
import type { Action, ActionStatus } from '../../core/index.js';
import type { Page } from '../ports.js';
import { type ActionRow, rowToAction } from '../sqlite/action-codec.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';

/** An action's columns, `requested_ms` (BIGINT, a string from pg) read as a number. */
export const ACTION_SELECT = `id, item_key, kind, target, status, attempts, requested_at, requested_ms::float8 AS requested_ms,
  last_attempt_at, confirmed_at, outcome, reason`;

/** Outbox order: the oldest request first, so whatever drains it is fair. */
export class ActionQueries {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async listActions(query: { status?: ActionStatus; limit: number; cursor?: string }): Promise<Page<Action>> {
    const limit = checkLimit(query.limit);
    const values: unknown[] = [];
    const where: string[] = [];
    if (query.status !== undefined) {
      values.push(query.status);
      where.push(`status = $${values.length}`);
    }
    if (query.cursor !== undefined) {
      const [requestedMs, id] = decodeCursor(query.cursor, ['number', 'string']);
      values.push(requestedMs, id);
      where.push(`(requested_ms, id) > ($${values.length - 1}::bigint, $${values.length})`);
    }
    values.push(limit + 1);
    const { rows } = await this.#pool.query<ActionRow>(
      `SELECT ${ACTION_SELECT} FROM action ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY requested_ms ASC, id ASC LIMIT $${values.length}`,
      values,
    );
    return toPage(rows, limit, rowToAction, (row) => [row.requested_ms, row.id]);
  }
}
