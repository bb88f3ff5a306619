import Database from 'better-sqlite3';
import {
  type Action,
  type ActionStatus,
  AppError,
  type Assessment,
  type Case,
  type CaseEvent,
  type CaseStatus,
  type ChannelEvent,
  type Item,
  type RecordError,
} from '../../core/index.js';
import type {
  AssessedSummary,
  ChannelSummary,
  ItemQuery,
  ItemSummary,
  Page,
  ReportCounts,
  ReportQuery,
  SaveResult,
  ScanBatch,
  ScanRun,
  ScanRunSummary,
  Store,
} from '../ports.js';
import { ActionQueries } from './action-queries.js';
import { AssessmentQueries } from './assessment-queries.js';
import { CaseQueries } from './case-queries.js';
import { ChannelQueries } from './channel-queries.js';
import { ItemQueries } from './item-queries.js';
import { migrate } from './migration-runner.js';
import { MIGRATIONS } from './migrations/index.js';
import { ReportQueries } from './report-queries.js';
import { ScanRunQueries } from './scan-run-queries.js';
import { ScanWriter } from './scan-writer.js';
import { guard } from './storage-error.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a private database that lives as long as the store. */
  path: string;
  readonly?: boolean;
  /** How long a write waits for another process's write to finish before failing. */
  busyTimeoutMs?: number;
  /** The clock for timestamps the store sets itself (migrations applied, runs finished). */
  now?: () => Date;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const WAL_CHECKPOINT_PAGES = 16_384;
const CACHE_KIB = 65_536;

function openDatabase(options: SqliteStoreOptions): Database.Database {
  const readonly = options.readonly ?? false;
  const db = new Database(options.path, { readonly, fileMustExist: readonly });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    if (!readonly && !db.memory) {
      // WAL lets readers (the API, reports) run while a scan writes; it is a property of the file.
      db.pragma('journal_mode = WAL');
      /*
       * A scan batch dirties a thousand pages or more, so at SQLite's default (checkpoint past
       * 1000 WAL pages) nearly every commit also copied the whole WAL into the database; that
       * was about a third of the write time. Checkpoint past 64 MiB instead, and trim the WAL
       * back to that size afterwards.
       */
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_PAGES * 4096}`);
    }
    // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Index pages touched by random item keys stay cached across batches (a limit, not an allocation).
    db.pragma(`cache_size = -${CACHE_KIB}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Rasd's single-file store. better-sqlite3 is synchronous; the async surface is the port's,
 * so a networked adapter can stand in without callers changing.
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #writer: ScanWriter;
  readonly #items: ItemQueries;
  readonly #assessments: AssessmentQueries;
  readonly #channels: ChannelQueries;
  readonly #cases: CaseQueries;
  readonly #actions: ActionQueries;
  readonly #runs: ScanRunQueries;
  readonly #reports: ReportQueries;
  /** The schema version the database is at. */
  readonly schemaVersion: number;

  private constructor(db: Database.Database, schemaVersion: number, now: () => Date) {
    this.#db = db;
    this.schemaVersion = schemaVersion;
    this.#writer = new ScanWriter(db);
    this.#items = new ItemQueries(db);
    this.#assessments = new AssessmentQueries(db);
    this.#channels = new ChannelQueries(db);
    this.#cases = new CaseQueries(db);
    this.#actions = new ActionQueries(db);
    this.#runs = new ScanRunQueries(db, now);
    this.#reports = new ReportQueries(db);
  }

  /** Opens (and creates, unless read-only) the database and brings its schema up to date. */
  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const now = options.now ?? (() => new Date());
    let db: Database.Database;
    try {
      db = openDatabase(options);
    } catch (error) {
      // Opening fails on the path (a missing folder, no permission): say which, it is config, not content.
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('STORAGE_FAILED', { detail: `open "${options.path}": ${reason}`, cause: error });
    }
    try {
      const version = guard('migrate', () => migrate(db, MIGRATIONS, { readonly: options.readonly ?? false, now }));
      return guard('open', () => new SqliteStore(db, version, now));
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async saveBatch(batch: ScanBatch): Promise<SaveResult> {
    return guard('saveBatch', () => this.#writer.save(batch));
  }

  async findAssessed(keys: readonly string[]): Promise<Map<string, AssessedSummary>> {
    return guard('findAssessed', () => this.#assessments.findAssessed(keys));
  }

  async getItem(key: string): Promise<Item | undefined> {
    return guard('getItem', () => this.#items.getItem(key));
  }

  async listItems(query: ItemQuery): Promise<Page<ItemSummary>> {
    return guard('listItems', () => this.#items.listItems(query));
  }

  async getAssessment(key: string): Promise<Assessment | undefined> {
    return guard('getAssessment', () => this.#assessments.getAssessment(key));
  }

  async listChannels(limit: number, cursor?: string): Promise<Page<ChannelSummary>> {
    return guard('listChannels', () => this.#channels.listChannels(limit, cursor));
  }

  async getChannel(platform: string, id: string): Promise<ChannelSummary | undefined> {
    return guard('getChannel', () => this.#channels.getChannel(platform, id));
  }

  async listChannelEvents(platform: string, chatId: string, limit: number): Promise<ChannelEvent[]> {
    return guard('listChannelEvents', () => this.#channels.listChannelEvents(platform, chatId, limit));
  }

  async getCase(id: string): Promise<Case | undefined> {
    return guard('getCase', () => this.#cases.getCase(id));
  }

  async listCases(query: { status?: CaseStatus; limit: number; cursor?: string }): Promise<Page<Case>> {
    return guard('listCases', () => this.#cases.listCases(query));
  }

  async listCaseEvents(caseId: string): Promise<CaseEvent[]> {
    return guard('listCaseEvents', () => this.#cases.listCaseEvents(caseId));
  }

  async listActions(query: { status?: ActionStatus; limit: number; cursor?: string }): Promise<Page<Action>> {
    return guard('listActions', () => this.#actions.listActions(query));
  }

  async startRun(run: ScanRun): Promise<void> {
    guard('startRun', () => this.#runs.startRun(run));
  }

  async addRunErrors(runId: string, errors: readonly RecordError[]): Promise<void> {
    guard('addRunErrors', () => this.#runs.addRunErrors(runId, errors));
  }

  async finishRun(runId: string, status: 'completed' | 'failed', summary: ScanRunSummary): Promise<void> {
    guard('finishRun', () => this.#runs.finishRun(runId, status, summary));
  }

  async getRun(runId: string): Promise<ScanRun | undefined> {
    return guard('getRun', () => this.#runs.getRun(runId));
  }

  async listRunErrors(runId: string, limit: number): Promise<RecordError[]> {
    return guard('listRunErrors', () => this.#runs.listRunErrors(runId, limit));
  }

  async reportCounts(query: ReportQuery): Promise<ReportCounts> {
    return guard('reportCounts', () => this.#reports.reportCounts(query));
  }

  /** Idempotent; in WAL mode the last connection to close checkpoints and removes the -wal file. */
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
