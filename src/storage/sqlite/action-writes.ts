import type Database from 'better-sqlite3';
import { notFound } from '../../core/errors.js';
import type { Action } from '../../core/index.js';
import type { ActionAttempt } from '../ports.js';
import { ACTION_COLUMNS, type ActionRow, actionToRow, rowToAction } from './action-codec.js';
import { checkLimit } from './cursor.js';

/**
 * The ActionWriteStore port's SQL on SQLite, on the main connection: actions outside a scan
 * come at a reviewer's or a chat's pace. UNIQUE (item_key, kind) (migration 0012) makes a second
 * request of a kind for the same item version a no-op, as on PostgreSQL.
 */
export class ActionWrites {
  readonly #itemExists: Database.Statement<[string], { found: number }>;
  readonly #insert: Database.Statement<[Record<string, unknown>]>;
  readonly #request: Database.Transaction<(action: Action) => boolean>;
  readonly #attempt: Database.Statement<[Record<string, unknown>]>;
  readonly #get: Database.Statement<[string], ActionRow>;
  readonly #ofItem: Database.Statement<[string], ActionRow>;
  readonly #requested: Database.Statement<[string, number], ActionRow>;

  constructor(db: Database.Database) {
    this.#itemExists = db.prepare('SELECT 1 AS found FROM item WHERE key = ?');
    this.#insert = db.prepare(`INSERT INTO action (${ACTION_COLUMNS.join(', ')})
      VALUES (${ACTION_COLUMNS.map((c) => `@${c}`).join(', ')}) ON CONFLICT DO NOTHING`);
    this.#request = db.transaction((action: Action) => {
      if (this.#itemExists.get(action.itemKey) === undefined) throw notFound('stored item version', action.itemKey);
      return this.#insert.run({ ...actionToRow(action) }).changes === 1;
    });
    // A confirmation is not taken back by a later attempt; the outcome is the latest answer's.
    this.#attempt = db.prepare(`UPDATE action SET status = @status, attempts = @attempts,
      last_attempt_at = @last_attempt_at, confirmed_at = coalesce(@confirmed_at, confirmed_at), outcome = @outcome
      WHERE id = @id`);
    this.#get = db.prepare('SELECT * FROM action WHERE id = ?');
    this.#ofItem = db.prepare('SELECT * FROM action WHERE item_key = ? ORDER BY requested_ms, id');
    this.#requested = db.prepare(
      "SELECT * FROM action WHERE status = 'requested' AND target = ? ORDER BY requested_ms, id LIMIT ?",
    );
  }

  requestAction(action: Action): boolean {
    return this.#request.immediate(action);
  }

  recordAttempt(actionId: string, attempt: ActionAttempt): void {
    const changed = this.#attempt.run({
      id: actionId,
      status: attempt.status,
      attempts: attempt.attempts,
      last_attempt_at: attempt.lastAttemptAt,
      confirmed_at: attempt.confirmedAt ?? null,
      outcome: attempt.outcome ?? null,
    }).changes;
    if (changed === 0) throw notFound('action', actionId);
  }

  getAction(actionId: string): Action | undefined {
    const row = this.#get.get(actionId);
    return row && rowToAction(row);
  }

  listItemActions(itemKey: string): Action[] {
    return this.#ofItem.all(itemKey).map(rowToAction);
  }

  listRequestedActions(target: string, limit: number): Action[] {
    return this.#requested.all(target, checkLimit(limit)).map(rowToAction);
  }
}
