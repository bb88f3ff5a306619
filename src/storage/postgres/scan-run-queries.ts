import type pg from 'pg';
import { notFound } from '../../core/errors.js';
import type { RecordError } from '../../core/index.js';
import type { ScanRun, ScanRunSummary } from '../ports.js';
import { checkLimit } from '../sqlite/cursor.js';
import { orNull } from '../sqlite/or-null.js';
import { type RunRow, rowToRun } from '../sqlite/scan-run-queries.js';
import { inTransaction } from './pool.js';

/** Scan runs and their record errors; errors are appended in the order they were reported. */
export class ScanRunQueries {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async startRun(run: ScanRun): Promise<void> {
    await this.#pool.query(
      `INSERT INTO scan_run (id, sources, started_at, finished_at, status, summary) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        run.id,
        JSON.stringify(run.sources),
        run.startedAt,
        orNull(run.finishedAt),
        run.status,
        run.summary === undefined ? null : JSON.stringify(run.summary),
      ],
    );
  }

  /** The run's row is locked first, so two writers cannot both take the same next sequence number. */
  async addRunErrors(runId: string, errors: readonly RecordError[]): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      const run = await client.query('SELECT 1 FROM scan_run WHERE id = $1 FOR UPDATE', [runId]);
      if (run.rowCount === 0) throw notFound('scan run', runId);
      if (errors.length === 0) return;
      await client.query(
        `INSERT INTO scan_run_error (run_id, seq, record, code, message)
         SELECT $1, coalesce((SELECT max(seq) FROM scan_run_error WHERE run_id = $1), 0) + u.ord, u.record, u.code, u.message
         FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(record, code, message, ord)`,
        [runId, errors.map((e) => e.record), errors.map((e) => e.code), errors.map((e) => e.message)],
      );
    });
  }

  /** `finishedAt` comes from the store's clock. */
  async finishRun(runId: string, status: 'completed' | 'failed', summary: ScanRunSummary, finishedAt: string) {
    const finished = await this.#pool.query(
      'UPDATE scan_run SET status = $2, finished_at = $3, summary = $4 WHERE id = $1',
      [runId, status, finishedAt, JSON.stringify(summary)],
    );
    if (finished.rowCount === 0) throw notFound('scan run', runId);
  }

  async getRun(runId: string): Promise<ScanRun | undefined> {
    const { rows } = await this.#pool.query<RunRow>('SELECT * FROM scan_run WHERE id = $1', [runId]);
    const row = rows[0];
    return row && rowToRun(row);
  }

  async listRunErrors(runId: string, limit: number): Promise<RecordError[]> {
    const { rows } = await this.#pool.query<RecordError>(
      'SELECT record, code, message FROM scan_run_error WHERE run_id = $1 ORDER BY seq LIMIT $2',
      [runId, checkLimit(limit)],
    );
    return rows;
  }
}
