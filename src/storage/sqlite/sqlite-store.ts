import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
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
  DecidedCase,
  Evidence,
  EvidenceSummary,
  ItemQuery,
  ItemSummary,
  MediaPreview,
  NewEvidence,
  NewRemovalOrder,
  OutboxAttempt,
  OutboxClaim,
  OutboxMessage,
  OutboxRecord,
  OutboxStatus,
  Page,
  PendingBankAdd,
  QueuedReferral,
  ReferralBatchRecord,
  ReferralBatchSummary,
  ReferralOutcomeRecord,
  RemovalOrderRecord,
  RemovalOrderStatus,
  ReportCounts,
  ReportQuery,
  ReviewAppend,
  ReviewAppendResult,
  ReviewCaseQuery,
  ReviewCaseView,
  SaveResult,
  ScanBatch,
  ScanRun,
  ScanRunSummary,
  Store,
} from '../ports.js';
import { ActionQueries } from './action-queries.js';
import { AssessmentQueries } from './assessment-queries.js';
import { type EncodedBatch, encodeBatch } from './batch-codec.js';
import { CaseQueries } from './case-queries.js';
import { ChannelQueries } from './channel-queries.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase } from './connection.js';
import { EvidenceQueries } from './evidence-queries.js';
import { ItemQueries } from './item-queries.js';
import { MediaPreviewQueries } from './media-preview-queries.js';
import { migrate } from './migration-runner.js';
import { MIGRATIONS } from './migrations/index.js';
import { OutboxQueries } from './outbox-queries.js';
import { ReferralQueries } from './referral-queries.js';
import { RemovalOrderQueries } from './removal-order-queries.js';
import { ReportQueries } from './report-queries.js';
import { ReviewQueries } from './review-queries.js';
import { ScanRunQueries } from './scan-run-queries.js';
import { guard } from './storage-error.js';
import { SqliteTelegramStore } from './telegram-store.js';
import { WorkerWriter } from './worker-writer.js';
import { ThreadWriter, type Writer } from './writes.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a private database that lives as long as the store. */
  path: string;
  readonly?: boolean;
  /** How long a write waits for another process's write to finish before failing. */
  busyTimeoutMs?: number;
  /** The clock for timestamps the store sets itself (migrations applied, runs finished). */
  now?: () => Date;
  /**
   * Where writes run. `worker` (the default for a file): a worker thread with its own
   * connection, started by the first write, so SQLite's work overlaps with the caller's;
   * `thread`: on the caller's thread. A `:memory:` database cannot be shared between threads,
   * and a read-only store does not write, so both always use `thread`. See docs/adr/0006.
   */
  writes?: 'worker' | 'thread';
  /**
   * The compiled write worker (`write-worker.js`). By default the one next to this module; a
   * TypeScript source has none next to it (Node cannot start a worker from a `.ts` file), so
   * code run from `src/` writes on the thread unless it names one here (tests: `testing.ts`).
   */
  workerUrl?: URL;
}

const SIBLING_WORKER = new URL('./write-worker.js', import.meta.url);
const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

function writerFor(db: Database.Database, options: SqliteStoreOptions): Writer {
  const url = options.workerUrl ?? (RUNNING_FROM_SOURCE ? undefined : SIBLING_WORKER);
  if (db.memory || db.readonly || options.writes === 'thread' || url === undefined) return new ThreadWriter(db);
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  // Absolute, so that the worker opens the same file whatever the working directory is by then.
  return new WorkerWriter(url, { path: resolve(db.name), busyTimeoutMs });
}

/**
 * Rasd's single-file store. better-sqlite3 is synchronous; the async surface is the port's,
 * so a networked adapter can stand in without callers changing.
 */
export class SqliteStore extends SqliteTelegramStore implements Store {
  readonly #db: Database.Database;
  readonly #writer: Writer;
  readonly #now: () => Date;
  #closing: Promise<void> | undefined;
  readonly #items: ItemQueries;
  readonly #assessments: AssessmentQueries;
  readonly #channels: ChannelQueries;
  readonly #cases: CaseQueries;
  readonly #actions: ActionQueries;
  readonly #runs: ScanRunQueries;
  readonly #reports: ReportQueries;
  readonly #review: ReviewQueries;
  readonly #evidence: EvidenceQueries;
  readonly #previews: MediaPreviewQueries;
  readonly #referrals: ReferralQueries;
  readonly #outbox: OutboxQueries;
  readonly #orders: RemovalOrderQueries;
  /** The schema version the database is at. */
  readonly schemaVersion: number;
  /** Where writes run (see `SqliteStoreOptions.writes`). */
  readonly writes: 'worker' | 'thread';

  private constructor(db: Database.Database, schemaVersion: number, now: () => Date, writer: Writer) {
    super(db, now);
    this.#db = db;
    this.schemaVersion = schemaVersion;
    this.#now = now;
    this.#writer = writer;
    this.writes = writer instanceof WorkerWriter ? 'worker' : 'thread';
    this.#items = new ItemQueries(db);
    this.#assessments = new AssessmentQueries(db);
    this.#channels = new ChannelQueries(db);
    this.#cases = new CaseQueries(db);
    this.#actions = new ActionQueries(db);
    this.#runs = new ScanRunQueries(db);
    this.#reports = new ReportQueries(db);
    this.#review = new ReviewQueries(db);
    this.#evidence = new EvidenceQueries(db);
    this.#previews = new MediaPreviewQueries(db);
    this.#referrals = new ReferralQueries(db);
    this.#outbox = new OutboxQueries(db);
    this.#orders = new RemovalOrderQueries(db);
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
      return guard('open', () => new SqliteStore(db, version, now, writerFor(db, options)));
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Encodes here and hands the rows to the writer, which may still be writing the previous
   * batch. Not an async function: its frame would hold `batch` until the write is done, and a
   * scan's objects would outlive the young generation for nothing.
   */
  saveBatch(batch: ScanBatch): Promise<SaveResult> {
    let encoded: EncodedBatch;
    try {
      encoded = guard('saveBatch', () => encodeBatch(batch));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#writer.write({ op: 'saveBatch', batch: encoded }) as Promise<SaveResult>;
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
    await this.#writer.write({ op: 'startRun', run });
  }

  async addRunErrors(runId: string, errors: readonly RecordError[]): Promise<void> {
    await this.#writer.write({ op: 'addRunErrors', runId, errors });
  }

  async finishRun(runId: string, status: 'completed' | 'failed', summary: ScanRunSummary): Promise<void> {
    const finishedAt = guard('finishRun', () => this.#now().toISOString());
    await this.#writer.write({ op: 'finishRun', runId, status, summary, finishedAt });
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

  /* Review writes are a reviewer's pace, so they run on this connection, not the scan writer. */
  async appendReviewEvents(append: ReviewAppend): Promise<ReviewAppendResult> {
    return guard('appendReviewEvents', () => this.#review.append(append));
  }

  async getReviewCase(caseId: string): Promise<ReviewCaseView | undefined> {
    return guard('getReviewCase', () => this.#review.get(caseId));
  }

  async listReviewCases(query: ReviewCaseQuery): Promise<Page<ReviewCaseView>> {
    return guard('listReviewCases', () => this.#review.list(query));
  }

  async listPendingBankAdds(limit: number): Promise<PendingBankAdd[]> {
    return guard('listPendingBankAdds', () => this.#review.pendingBankAdds(limit));
  }

  async graphicExposure(reviewer: string, day: string): Promise<number> {
    return guard('graphicExposure', () => this.#review.graphicExposure(reviewer, day));
  }

  async listDecidedCases(limit: number, cursor?: string): Promise<Page<DecidedCase>> {
    return guard('listDecidedCases', () => this.#review.decided(limit, cursor));
  }

  async preserveEvidence(evidence: NewEvidence): Promise<Evidence> {
    return guard('preserveEvidence', () => this.#evidence.preserve(evidence));
  }

  async saveMediaPreviews(previews: readonly MediaPreview[]): Promise<void> {
    return guard('saveMediaPreviews', () => this.#previews.save(previews));
  }

  async getMediaPreview(itemKey: string, mediaIndex: number): Promise<MediaPreview | undefined> {
    return guard('getMediaPreview', () => this.#previews.get(itemKey, mediaIndex));
  }

  async listMediaPreviewIndexes(itemKey: string): Promise<number[]> {
    return guard('listMediaPreviewIndexes', () => this.#previews.indexes(itemKey));
  }

  async getEvidence(id: number): Promise<Evidence | undefined> {
    return guard('getEvidence', () => this.#evidence.get(id));
  }

  async listEvidence(query: { limit: number; cursor?: string }): Promise<Page<EvidenceSummary>> {
    return guard('listEvidence', () => this.#evidence.list(query));
  }

  async listExpiredEvidence(now: string): Promise<EvidenceSummary[]> {
    return guard('listExpiredEvidence', () => this.#evidence.expired(now));
  }

  async deleteExpiredEvidence(ids: readonly number[], now: string): Promise<number> {
    return guard('deleteExpiredEvidence', () => this.#evidence.deleteExpired(ids, now));
  }

  async queueReferral(referral: QueuedReferral, queuedAt: string): Promise<void> {
    return guard('queueReferral', () => this.#referrals.queue(referral, queuedAt));
  }

  async listQueuedReferrals(): Promise<QueuedReferral[]> {
    return guard('listQueuedReferrals', () => this.#referrals.queued());
  }

  async saveReferralBatch(batch: ReferralBatchRecord, outcomes: readonly ReferralOutcomeRecord[]): Promise<void> {
    return guard('saveReferralBatch', () => this.#referrals.save(batch, outcomes));
  }

  async listReferralBatches(query: { platform?: string }): Promise<ReferralBatchSummary[]> {
    return guard('listReferralBatches', () => this.#referrals.list(query));
  }

  async getReferralBatch(batchId: string): Promise<ReferralBatchRecord | undefined> {
    return guard('getReferralBatch', () => this.#referrals.get(batchId));
  }

  async listReferralOutcomes(query: { batchId?: string; platform?: string }): Promise<ReferralOutcomeRecord[]> {
    return guard('listReferralOutcomes', () => this.#referrals.outcomes(query));
  }

  async getReferralOutcome(decisionId: string): Promise<ReferralOutcomeRecord | undefined> {
    return guard('getReferralOutcome', () => this.#referrals.outcome(decisionId));
  }

  async setReferralOutcome(outcome: ReferralOutcomeRecord): Promise<void> {
    return guard('setReferralOutcome', () => this.#referrals.setOutcome(outcome));
  }

  /* The outbox is a few rows a minute, so it runs on this connection, not the scan writer. */
  async enqueueOutbox(message: OutboxMessage): Promise<boolean> {
    return guard('enqueueOutbox', () => this.#outbox.enqueue(message));
  }

  async claimOutbox(claim: OutboxClaim): Promise<OutboxRecord[]> {
    return guard('claimOutbox', () => this.#outbox.claim(claim));
  }

  async finishOutboxAttempt(attempt: OutboxAttempt): Promise<void> {
    return guard('finishOutboxAttempt', () => this.#outbox.finish(attempt));
  }

  async getOutbox(id: string): Promise<OutboxRecord | undefined> {
    return guard('getOutbox', () => this.#outbox.get(id));
  }

  async listOutbox(query: { status?: OutboxStatus; limit: number }): Promise<OutboxRecord[]> {
    return guard('listOutbox', () => this.#outbox.list(query));
  }

  async saveRemovalOrder(order: NewRemovalOrder): Promise<{ created: boolean; order: RemovalOrderRecord }> {
    return guard('saveRemovalOrder', () => this.#orders.save(order));
  }

  async getRemovalOrder(orderId: string): Promise<RemovalOrderRecord | undefined> {
    return guard('getRemovalOrder', () => this.#orders.get(orderId));
  }

  async listRemovalOrders(query: { status?: RemovalOrderStatus; limit: number }): Promise<RemovalOrderRecord[]> {
    return guard('listRemovalOrders', () => this.#orders.list(query));
  }

  async completeRemovalOrder(orderId: string, completion: { completedAt: string; completedBy: string }) {
    return guard('completeRemovalOrder', () => this.#orders.complete(orderId, completion));
  }

  /**
   * Idempotent. Waits for the writes already asked for, stops the writer, then closes this
   * connection: in WAL mode the last connection to close checkpoints and removes the -wal file.
   */
  close(): Promise<void> {
    this.#closing ??= this.#writer.close().finally(() => {
      if (this.#db.open) this.#db.close();
    });
    return this.#closing;
  }
}
