import type Database from 'better-sqlite3';
import { notFound } from '../../core/errors.js';
import type { RecordError } from '../../core/index.js';
import type { ScanRun, ScanRunSummary } from '../ports.js';
import { checkLimit } from './cursor.js';
import { orNull } from './or-null.js';

/** A scan run's row, the same in both dialects (PostgreSQL's store decodes with this too). */
export interface RunRow {
  id: string;
  sources: string;
  started_at: string;
  finished_at: string | null;
  status: ScanRun['status'];
  summary: string | null;
}

export function rowToRun(row: RunRow): ScanRun {
  return {
    id: row.id,
    sources: JSON.parse(row.sources) as string[],
    startedAt: row.started_at,
    ...(row.finished_at !== null && { finishedAt: row.finished_at }),
    status: row.status,
    ...(row.summary !== null && { summary: JSON.parse(row.summary) as ScanRunSummary }),
  };
}

/** Scan runs and their record errors; errors are appended in the order they were reported. */
export class ScanRunQueries {
  readonly #start: Database.Statement;
  readonly #finish: Database.Statement;
  readonly #get: Database.Statement<[string], RunRow>;
  readonly #lastSeq: Database.Statement<[string], { seq: number | null }>;
  readonly #addError: Database.Statement;
  readonly #errors: Database.Statement<[string, number], RecordError>;
  readonly #append: Database.Transaction<(runId: string, errors: readonly RecordError[]) => void>;

  constructor(db: Database.Database) {
    this.#start = db.prepare(`
      INSERT INTO scan_run (id, sources, started_at, finished_at, status, summary)
      VALUES (@id, @sources, @started_at, @finished_at, @status, @summary)`);
    this.#finish = db.prepare(
      'UPDATE scan_run SET status = @status, finished_at = @finished_at, summary = @summary WHERE id = @id',
    );
    this.#get = db.prepare('SELECT * FROM scan_run WHERE id = ?');
    this.#lastSeq = db.prepare('SELECT max(seq) AS seq FROM scan_run_error WHERE run_id = ?');
    this.#addError = db.prepare(
      'INSERT INTO scan_run_error (run_id, seq, record, code, message) VALUES (?, ?, ?, ?, ?)',
    );
    this.#errors = db.prepare('SELECT record, code, message FROM scan_run_error WHERE run_id = ? ORDER BY seq LIMIT ?');
    // One transaction, so two writers cannot both take the same next sequence number.
    this.#append = db.transaction((runId: string, errors: readonly RecordError[]) => {
      if (!this.#get.get(runId)) throw notFound('scan run', runId);
      let seq = this.#lastSeq.get(runId)?.seq ?? 0;
      for (const e of errors) this.#addError.run(runId, ++seq, e.record, e.code, e.message);
    });
  }

  startRun(run: ScanRun): void {
    this.#start.run({
      id: run.id,
      sources: JSON.stringify(run.sources),
      started_at: run.startedAt,
      finished_at: orNull(run.finishedAt),
      status: run.status,
      summary: run.summary === undefined ? null : JSON.stringify(run.summary),
    });
  }

  addRunErrors(runId: string, errors: readonly RecordError[]): void {
    this.#append.immediate(runId, errors);
  }

  /** `finishedAt` comes from the store's clock, which may live on another thread than this connection. */
  finishRun(runId: string, status: 'completed' | 'failed', summary: ScanRunSummary, finishedAt: string): void {
    const finished = this.#finish.run({
      id: runId,
      status,
      finished_at: finishedAt,
      summary: JSON.stringify(summary),
    });
    if (finished.changes === 0) throw notFound('scan run', runId);
  }

  getRun(runId: string): ScanRun | undefined {
    const row = this.#get.get(runId);
    return row && rowToRun(row);
  }

  listRunErrors(runId: string, limit: number): RecordError[] {
    return this.#errors.all(runId, checkLimit(limit));
  }
}
