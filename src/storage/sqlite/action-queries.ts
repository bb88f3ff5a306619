import type Database from 'better-sqlite3';
import type { Action, ActionStatus } from '../../core/index.js';
import type { Page } from '../ports.js';
import { type ActionRow, rowToAction } from './action-codec.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';

/* Outbox order: the oldest request first, so whatever drains it is fair. */
const ORDER = 'ORDER BY requested_ms ASC, id ASC LIMIT @limit';
const AFTER = '(requested_ms, id) > (@requestedMs, @id)';

type ActionList = Database.Statement<[Record<string, unknown>], ActionRow>;

export class ActionQueries {
  /** Indexed by [has status filter][has cursor]. */
  readonly #lists: [[ActionList, ActionList], [ActionList, ActionList]];

  constructor(db: Database.Database) {
    const list = (conditions: string[]): ActionList =>
      db.prepare(`SELECT * FROM action ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ${ORDER}`);
    this.#lists = [
      [list([]), list([AFTER])],
      [list(['status = @status']), list(['status = @status', AFTER])],
    ];
  }

  listActions(query: { status?: ActionStatus; limit: number; cursor?: string }): Page<Action> {
    const limit = checkLimit(query.limit);
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (query.status !== undefined) params.status = query.status;
    if (query.cursor !== undefined) {
      const [requestedMs, id] = decodeCursor(query.cursor, ['number', 'string']);
      Object.assign(params, { requestedMs, id });
    }
    const statement = this.#lists[query.status === undefined ? 0 : 1][query.cursor === undefined ? 0 : 1];
    return toPage(statement.all(params), limit, rowToAction, (row) => [row.requested_ms, row.id]);
  }
}
