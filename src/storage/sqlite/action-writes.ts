import type Database from 'better-sqlite3';
import { notFound } from '../../core/errors.js';
import type { Action, ActionStatus } from '../../core/index.js';
import type { ActionAttempt } from '../ports.js';
import { ACTION_COLUMNS, type ActionRow, actionToRow, rowToAction } from './action-codec.js';
import { checkLimit } from './cursor.js';
import { toEpochMs } from './epoch-ms.js';

/**
 * The ActionWriteStore port's SQL on SQLite, on the main connection: actions outside a scan
 * come at a reviewer's or a chat's pace. UNIQUE (item_key, kind) (migration 0012) makes a second
 * request of a kind for the same item version a no-op, as on PostgreSQL.
 */
export class ActionWrites {
  readonly #itemExists: Database.Statement<[string], { found: number }>;
  readonly #insert: Database.Statement<[Record<string, unknown>]>;
  readonly #request: Database.Transaction<(action: Action) => boolean>;
  readonly #claim: Database.Statement<[string, string]>;
  readonly #attempt: Database.Statement<[Record<string, unknown>]>;
  readonly #requeue: Database.Statement<[number, number], { id: string }>;
  readonly #reclaim: Database.Statement<[string, string, number], { id: string }>;
  readonly #get: Database.Statement<[string], ActionRow>;
  readonly #ofItem: Database.Statement<[string], ActionRow>;
  readonly #requested: Database.Statement<[string, number], ActionRow>;
  readonly #byStatus: Database.Statement<[string], { status: ActionStatus; n: number }>;

  constructor(db: Database.Database) {
    this.#itemExists = db.prepare('SELECT 1 AS found FROM item WHERE key = ?');
    this.#insert = db.prepare(`INSERT INTO action (${ACTION_COLUMNS.join(', ')})
      VALUES (${ACTION_COLUMNS.map((c) => `@${c}`).join(', ')}) ON CONFLICT DO NOTHING`);
    this.#request = db.transaction((action: Action) => {
      if (this.#itemExists.get(action.itemKey) === undefined) throw notFound('stored item version', action.itemKey);
      return this.#insert.run({ ...actionToRow(action) }).changes === 1;
    });
    // Only a requested action is claimed, so a second runner finds nothing to take.
    this.#claim = db.prepare(`UPDATE action SET status = 'sent', attempts = attempts + 1, last_attempt_at = ?
      WHERE id = ? AND status = 'requested'`);
    // A confirmed action is never changed by a (late) attempt; the outcome is the latest answer's.
    this.#attempt = db.prepare(`UPDATE action SET status = @status, attempts = @attempts,
      last_attempt_at = @last_attempt_at, confirmed_at = coalesce(@confirmed_at, confirmed_at), outcome = @outcome
      WHERE id = @id AND status <> 'confirmed'`);
    this.#requeue = db.prepare(`UPDATE action SET status = 'requested', attempts = 0, last_attempt_at = NULL,
      outcome = NULL WHERE id IN (SELECT id FROM action WHERE status = 'dry-run' AND requested_ms >= ?
      ORDER BY requested_ms, id LIMIT ?) RETURNING id`);
    this.#reclaim = db.prepare(`UPDATE action SET status = 'requested'
      WHERE id IN (SELECT id FROM action WHERE target = ? AND status = 'sent' AND last_attempt_at < ?
      ORDER BY requested_ms, id LIMIT ?) RETURNING id`);
    this.#get = db.prepare('SELECT * FROM action WHERE id = ?');
    this.#ofItem = db.prepare('SELECT * FROM action WHERE item_key = ? ORDER BY requested_ms, id');
    this.#requested = db.prepare(
      "SELECT * FROM action WHERE status = 'requested' AND target = ? ORDER BY requested_ms, id LIMIT ?",
    );
    this.#byStatus = db.prepare('SELECT status, count(*) AS n FROM action WHERE target = ? GROUP BY status');
  }

  requestAction(action: Action): boolean {
    return this.#request.immediate(action);
  }

  claimAction(actionId: string, at: string): boolean {
    return this.#claim.run(at, actionId).changes === 1;
  }

  requeueDryRun(query: { since?: string; limit: number }): string[] {
    const since = query.since === undefined ? 0 : toEpochMs(query.since, 'since');
    return this.#requeue
      .all(since, checkLimit(query.limit))
      .map((row) => row.id)
      .sort();
  }

  reclaimStaleActions(target: string, sentBefore: string, limit: number): string[] {
    return this.#reclaim
      .all(target, sentBefore, checkLimit(limit))
      .map((row) => row.id)
      .sort();
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
    if (changed === 0 && this.#get.get(actionId) === undefined) throw notFound('action', actionId);
  }

  getAction(actionId: string): Action | undefined {
    const row = this.#get.get(actionId);
    return row && rowToAction(row);
  }

  listItemActions(itemKey: string): Action[] {
    return this.#ofItem.all(itemKey).map(rowToAction);
  }

  countActionsByStatus(target: string): Partial<Record<ActionStatus, number>> {
    return Object.fromEntries(this.#byStatus.all(target).map((row) => [row.status, row.n]));
  }

  listRequestedActions(target: string, limit: number): Action[] {
    return this.#requested.all(target, checkLimit(limit)).map(rowToAction);
  }
}
