import type pg from 'pg';
import { notFound } from '../../core/errors.js';
import type { Action, ActionStatus } from '../../core/index.js';
import { ACTION_COLUMNS, type ActionRow, actionToRow, rowToAction } from '../sqlite/action-codec.js';
import { checkLimit } from '../sqlite/cursor.js';
import { toEpochMs } from '../sqlite/epoch-ms.js';
import type { ActionAttempt, ActionWriteStore } from '../telegram-ports.js';
import { ACTION_SELECT } from './action-queries.js';
import { pgGuard } from './storage-error.js';

/* One statement: the item check and the insert see the same snapshot, and a second request of
   the same kind (from this process or another) waits on the unique index, then stores nothing. */
const REQUEST = `
  WITH stored AS (
    INSERT INTO action (${ACTION_COLUMNS.join(', ')})
    SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::int, $7::text, $8::bigint,
      $9::text, $10::text, $11::text, $12::text
    WHERE EXISTS (SELECT 1 FROM item WHERE key = $2::text)
    ON CONFLICT DO NOTHING RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM item WHERE key = $2::text) AS found, (SELECT count(*)::int FROM stored) AS stored`;

/**
 * The ActionWriteStore port on PostgreSQL. No foreign key can point at the partitioned `item`
 * (docs/postgres.md), so the request checks the item version itself, as SQLite's key does.
 */
export class PgActionWriteStore implements ActionWriteStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async requestAction(action: Action): Promise<boolean> {
    return pgGuard('requestAction', async () => {
      const row = actionToRow(action);
      const { rows } = await this.#pool.query<{ found: boolean; stored: number }>(
        REQUEST,
        ACTION_COLUMNS.map((column) => row[column]),
      );
      if (rows[0]?.found !== true) throw notFound('stored item version', action.itemKey);
      return rows[0].stored === 1;
    });
  }

  async claimAction(actionId: string, at: string): Promise<boolean> {
    return pgGuard('claimAction', async () => {
      // Row-locked: of two runners claiming at once, the second sees the row no longer requested.
      const claimed = await this.#pool.query(
        `UPDATE action SET status = 'sent', attempts = attempts + 1, last_attempt_at = $2
         WHERE id = $1 AND status = 'requested'`,
        [actionId, at],
      );
      return claimed.rowCount === 1;
    });
  }

  async requeueDryRun(query: { since?: string; limit: number }): Promise<string[]> {
    return pgGuard('requeueDryRun', async () => {
      const since = query.since === undefined ? 0 : toEpochMs(query.since, 'since');
      const { rows } = await this.#pool.query<{ id: string }>(
        `UPDATE action SET status = 'requested', attempts = 0, last_attempt_at = NULL, outcome = NULL
         WHERE id IN (SELECT id FROM action WHERE status = 'dry-run' AND requested_ms >= $1
           ORDER BY requested_ms, id LIMIT $2 FOR UPDATE)
         RETURNING id`,
        [since, checkLimit(query.limit)],
      );
      return rows.map((row) => row.id).sort();
    });
  }

  async reclaimStaleActions(target: string, sentBefore: string, limit: number): Promise<string[]> {
    return pgGuard('reclaimStaleActions', async () => {
      const { rows } = await this.#pool.query<{ id: string }>(
        `UPDATE action SET status = 'requested'
         WHERE id IN (SELECT id FROM action WHERE target = $1 AND status = 'sent' AND last_attempt_at < $2
           ORDER BY requested_ms, id LIMIT $3 FOR UPDATE)
           AND status = 'sent'
         RETURNING id`,
        [target, sentBefore, checkLimit(limit)],
      );
      return rows.map((row) => row.id).sort();
    });
  }

  async recordAttempt(actionId: string, attempt: ActionAttempt): Promise<void> {
    await pgGuard('recordAttempt', async () => {
      // A confirmed action is never changed by a (late) attempt; the outcome is the latest answer's.
      const updated = await this.#pool.query(
        `UPDATE action SET status = $2, attempts = $3, last_attempt_at = $4,
           confirmed_at = coalesce($5, confirmed_at), outcome = $6 WHERE id = $1 AND status <> 'confirmed'`,
        [
          actionId,
          attempt.status,
          attempt.attempts,
          attempt.lastAttemptAt,
          attempt.confirmedAt ?? null,
          attempt.outcome ?? null,
        ],
      );
      if (updated.rowCount === 0 && (await this.getAction(actionId)) === undefined) throw notFound('action', actionId);
    });
  }

  async getAction(actionId: string): Promise<Action | undefined> {
    return pgGuard('getAction', async () => {
      const { rows } = await this.#pool.query<ActionRow>(`SELECT ${ACTION_SELECT} FROM action WHERE id = $1`, [
        actionId,
      ]);
      return rows[0] && rowToAction(rows[0]);
    });
  }

  async listItemActions(itemKey: string): Promise<Action[]> {
    return pgGuard('listItemActions', async () => {
      const { rows } = await this.#pool.query<ActionRow>(
        `SELECT ${ACTION_SELECT} FROM action WHERE item_key = $1 ORDER BY requested_ms, id`,
        [itemKey],
      );
      return rows.map(rowToAction);
    });
  }

  async countActionsByStatus(target: string): Promise<Partial<Record<ActionStatus, number>>> {
    return pgGuard('countActionsByStatus', async () => {
      const { rows } = await this.#pool.query<{ status: ActionStatus; n: number }>(
        'SELECT status, count(*)::int AS n FROM action WHERE target = $1 GROUP BY status',
        [target],
      );
      return Object.fromEntries(rows.map((row) => [row.status, row.n]));
    });
  }

  async listRequestedActions(target: string, limit: number): Promise<Action[]> {
    return pgGuard('listRequestedActions', async () => {
      const { rows } = await this.#pool.query<ActionRow>(
        `SELECT ${ACTION_SELECT} FROM action WHERE status = 'requested' AND target = $1
         ORDER BY requested_ms, id LIMIT $2`,
        [target, checkLimit(limit)],
      );
      return rows.map(rowToAction);
    });
  }
}
