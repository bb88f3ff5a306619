import type Database from 'better-sqlite3';
import type {
  OutboxAttempt,
  OutboxClaim,
  OutboxMessage,
  OutboxPayload,
  OutboxRecord,
  OutboxStatus,
} from '../outbox-ports.js';

export interface OutboxRow {
  id: string;
  destination: string;
  type: string;
  payload: string;
  created_at: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export function toRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    destination: row.destination,
    type: row.type,
    payload: JSON.parse(row.payload) as OutboxPayload,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_attempt_at !== null && { lastAttemptAt: row.last_attempt_at }),
    ...(row.last_status !== null && { lastStatus: row.last_status }),
    ...(row.last_error !== null && { lastError: row.last_error }),
    ...(row.delivered_at !== null && { deliveredAt: row.delivered_at }),
  };
}

// The error is cut so a receiver's long status line cannot grow the row without bound.
export const MAX_ERROR = 500;

/** The OutboxStore port's SQL. Claims are one UPDATE … RETURNING, so two runners never share a row. */
export class OutboxQueries {
  readonly #insert: Database.Statement<[Record<string, unknown>]>;
  readonly #claim: Database.Statement<[Record<string, unknown>], OutboxRow>;
  readonly #finish: Database.Statement<[Record<string, unknown>]>;
  readonly #get: Database.Statement<[string], OutboxRow>;
  readonly #list: Database.Statement<[number], OutboxRow>;
  readonly #listByStatus: Database.Statement<[string, number], OutboxRow>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(`INSERT OR IGNORE INTO outbox (id, destination, type, payload, created_at,
      next_attempt_at) VALUES (@id, @destination, @type, @payload, @created_at, @created_at)`);
    this.#claim = db.prepare(`UPDATE outbox SET lease_until = @lease_until WHERE id IN (
      SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now
        AND (lease_until IS NULL OR lease_until <= @now)
        AND destination IN (SELECT value FROM json_each(@destinations))
      ORDER BY next_attempt_at, id LIMIT @limit) RETURNING *`);
    this.#finish = db.prepare(`UPDATE outbox SET status = @status, attempts = attempts + 1,
      next_attempt_at = coalesce(@next_attempt_at, next_attempt_at), lease_until = NULL,
      last_attempt_at = @at, last_status = @last_status, last_error = @last_error,
      delivered_at = @delivered_at WHERE id = @id AND status = 'pending'`);
    this.#get = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.#list = db.prepare('SELECT * FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?');
    this.#listByStatus = db.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?');
  }

  enqueue(message: OutboxMessage): boolean {
    const result = this.#insert.run({
      id: message.id,
      destination: message.destination,
      type: message.type,
      payload: JSON.stringify(message.payload),
      created_at: message.createdAt,
    });
    return result.changes === 1;
  }

  claim(claim: OutboxClaim): OutboxRecord[] {
    if (claim.destinations.length === 0 || claim.limit <= 0) return [];
    const rows = this.#claim.all({
      now: claim.now,
      lease_until: claim.leaseUntil,
      destinations: JSON.stringify(claim.destinations),
      limit: claim.limit,
    });
    // RETURNING gives no order guarantee; the runner sends oldest due first.
    return rows
      .sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id.localeCompare(b.id))
      .map(toRecord);
  }

  finish(attempt: OutboxAttempt): void {
    const delivered = attempt.outcome === 'delivered';
    this.#finish.run({
      id: attempt.id,
      at: attempt.at,
      status: attempt.outcome === 'retry' ? 'pending' : attempt.outcome,
      next_attempt_at: attempt.outcome === 'retry' ? attempt.nextAttemptAt : null,
      last_status: attempt.httpStatus ?? null,
      last_error: delivered ? null : attempt.error.slice(0, MAX_ERROR),
      delivered_at: delivered ? attempt.at : null,
    });
  }

  get(id: string): OutboxRecord | undefined {
    const row = this.#get.get(id);
    return row && toRecord(row);
  }

  list(query: { status?: OutboxStatus; limit: number }): OutboxRecord[] {
    const rows =
      query.status === undefined ? this.#list.all(query.limit) : this.#listByStatus.all(query.status, query.limit);
    return rows.map(toRecord);
  }
}
