import type Database from 'better-sqlite3';
import type { Case, CaseEvent, CaseStatus } from '../../core/index.js';
import type { Page } from '../ports.js';
import { type CaseEventRow, type CaseRow, rowToCase, rowToCaseEvent } from './case-codec.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';

/* The review queue order: highest priority first, then the longest waiting. */
const ORDER = 'ORDER BY priority DESC, opened_ms ASC, id ASC LIMIT @limit';
const AFTER = `(priority < @priority OR (priority = @priority
  AND (opened_ms > @openedMs OR (opened_ms = @openedMs AND id > @id))))`;

type CaseList = Database.Statement<[Record<string, unknown>], CaseRow>;

/**
 * A case's status is derived from its events. Once the review desk has enrolled a case, its
 * projection (`review_state`) holds the status; the status written at opening stands only until
 * then. Reading it through here keeps one source of truth instead of mirroring the projection
 * back into `review_case`.
 */
const CASES = `(SELECT c.id, c.item_key, COALESCE(s.status, c.status) AS status, c.queue, c.priority, c.reason,
  c.opened_at, c.opened_ms, COALESCE(s.updated_at, c.updated_at) AS updated_at
  FROM review_case c LEFT JOIN review_state s ON s.case_id = c.id)`;

export class CaseQueries {
  readonly #get: Database.Statement<[string], CaseRow>;
  readonly #events: Database.Statement<[string], CaseEventRow>;
  /** Indexed by [has status filter][has cursor]. */
  readonly #lists: [[CaseList, CaseList], [CaseList, CaseList]];

  constructor(db: Database.Database) {
    this.#get = db.prepare(`SELECT * FROM ${CASES} WHERE id = ?`);
    this.#events = db.prepare('SELECT * FROM case_event WHERE case_id = ? ORDER BY seq');
    const list = (conditions: string[]): CaseList =>
      db.prepare(`SELECT * FROM ${CASES} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ${ORDER}`);
    this.#lists = [
      [list([]), list([AFTER])],
      [list(['status = @status']), list(['status = @status', AFTER])],
    ];
  }

  getCase(id: string): Case | undefined {
    const row = this.#get.get(id);
    return row && rowToCase(row);
  }

  listCases(query: { status?: CaseStatus; limit: number; cursor?: string }): Page<Case> {
    const limit = checkLimit(query.limit);
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (query.status !== undefined) params.status = query.status;
    if (query.cursor !== undefined) {
      const [priority, openedMs, id] = decodeCursor(query.cursor, ['number', 'number', 'string']);
      Object.assign(params, { priority, openedMs, id });
    }
    const statement = this.#lists[query.status === undefined ? 0 : 1][query.cursor === undefined ? 0 : 1];
    return toPage(statement.all(params), limit, rowToCase, (row) => [row.priority, row.opened_ms, row.id]);
  }

  listCaseEvents(caseId: string): CaseEvent[] {
    return this.#events.all(caseId).map(rowToCaseEvent);
  }
}
