import type pg from 'pg';
import type {
  OutboxAttempt,
  OutboxClaim,
  OutboxMessage,
  OutboxRecord,
  OutboxStatus,
  OutboxStore,
} from '../outbox-ports.js';
import { MAX_ERROR, type OutboxRow, toRecord } from '../sqlite/outbox-queries.js';
import { pgGuard } from './storage-error.js';

/*
 * Due rows are picked with FOR UPDATE SKIP LOCKED and leased in the same statement: a runner
 * passes over rows another runner is leasing right now instead of waiting for them, and a row
 * whose lease was committed meanwhile is re-checked against the lease condition and dropped.
 * So any number of runners in any number of processes never hold the same row at once.
 */
const CLAIM = `WITH due AS (
  SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
    AND (lease_until IS NULL OR lease_until <= $1) AND destination = ANY($2::text[])
  ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
UPDATE outbox o SET lease_until = $4 FROM due WHERE o.id = due.id RETURNING o.*`;

/** The OutboxStore port on PostgreSQL, with the SQLite adapter's codec. */
export class PgOutboxStore implements OutboxStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async enqueueOutbox(message: OutboxMessage): Promise<boolean> {
    return pgGuard('enqueueOutbox', async () => {
      const inserted = await this.#pool.query(
        `INSERT INTO outbox (id, destination, type, payload, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (id) DO NOTHING`,
        [message.id, message.destination, message.type, JSON.stringify(message.payload), message.createdAt],
      );
      return inserted.rowCount === 1;
    });
  }

  async claimOutbox(claim: OutboxClaim): Promise<OutboxRecord[]> {
    return pgGuard('claimOutbox', async () => {
      if (claim.destinations.length === 0 || claim.limit <= 0) return [];
      const { rows } = await this.#pool.query<OutboxRow>(CLAIM, [
        claim.now,
        claim.destinations,
        claim.limit,
        claim.leaseUntil,
      ]);
      // RETURNING gives no order guarantee; the runner sends oldest due first.
      return rows
        .sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id.localeCompare(b.id))
        .map(toRecord);
    });
  }

  async finishOutboxAttempt(attempt: OutboxAttempt): Promise<void> {
    await pgGuard('finishOutboxAttempt', async () => {
      const delivered = attempt.outcome === 'delivered';
      await this.#pool.query(
        `UPDATE outbox SET status = $2, attempts = attempts + 1,
         next_attempt_at = coalesce($3, next_attempt_at), lease_until = NULL,
         last_attempt_at = $4, last_status = $5, last_error = $6, delivered_at = $7
         WHERE id = $1 AND status = 'pending'`,
        [
          attempt.id,
          attempt.outcome === 'retry' ? 'pending' : attempt.outcome,
          attempt.outcome === 'retry' ? attempt.nextAttemptAt : null,
          attempt.at,
          attempt.httpStatus ?? null,
          delivered ? null : attempt.error.slice(0, MAX_ERROR),
          delivered ? attempt.at : null,
        ],
      );
    });
  }

  async getOutbox(id: string): Promise<OutboxRecord | undefined> {
    return pgGuard('getOutbox', async () => {
      const { rows } = await this.#pool.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [id]);
      return rows[0] && toRecord(rows[0]);
    });
  }

  async listOutbox(query: { status?: OutboxStatus; limit: number }): Promise<OutboxRecord[]> {
    return pgGuard('listOutbox', async () => {
      const { rows } = await this.#pool.query<OutboxRow>(
        `SELECT * FROM outbox WHERE ($1::text IS NULL OR status = $1)
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        [query.status ?? null, query.limit],
      );
      return rows.map(toRecord);
    });
  }
}
