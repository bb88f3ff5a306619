import type pg from 'pg';
import type {
  Action,
  ActionStatus,
  Assessment,
  Case,
  CaseEvent,
  CaseStatus,
  ChannelEvent,
  Item,
  RecordError,
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
} from '../ports.js';
import { ActionQueries } from './action-queries.js';
import { AssessmentQueries } from './assessment-queries.js';
import { CaseQueries } from './case-queries.js';
import { ChannelQueries } from './channel-queries.js';
import { ItemQueries } from './item-queries.js';
import type { Partitions } from './partitions.js';
import { ReportQueries } from './report-queries.js';
import { ScanRunQueries } from './scan-run-queries.js';
import { PgScanWriter } from './scan-writer.js';
import { pgGuard } from './storage-error.js';

/**
 * The ports a scan writes and the reads over what it wrote (items, assessments, channels,
 * cases, actions, runs, reports), on a shared pool. `PgStore` adds the other ports.
 */
export class PgScanStore {
  readonly #now: () => Date;
  readonly #writer: PgScanWriter;
  readonly #items: ItemQueries;
  readonly #assessments: AssessmentQueries;
  readonly #channels: ChannelQueries;
  readonly #cases: CaseQueries;
  readonly #actions: ActionQueries;
  readonly #runs: ScanRunQueries;
  readonly #reports: ReportQueries;

  protected constructor(pool: pg.Pool, now: () => Date, partitions: Partitions) {
    this.#now = now;
    this.#writer = new PgScanWriter(pool, partitions);
    this.#items = new ItemQueries(pool);
    this.#assessments = new AssessmentQueries(pool);
    this.#channels = new ChannelQueries(pool);
    this.#cases = new CaseQueries(pool);
    this.#actions = new ActionQueries(pool);
    this.#runs = new ScanRunQueries(pool);
    this.#reports = new ReportQueries(pool);
  }

  /** One transaction for the whole batch: everything or nothing, each row at most once. */
  async saveBatch(batch: ScanBatch): Promise<SaveResult> {
    return pgGuard('saveBatch', () => this.#writer.save(batch));
  }

  async findAssessed(keys: readonly string[]): Promise<Map<string, AssessedSummary>> {
    return pgGuard('findAssessed', () => this.#assessments.findAssessed(keys));
  }

  async getItem(key: string): Promise<Item | undefined> {
    return pgGuard('getItem', () => this.#items.getItem(key));
  }

  async listItems(query: ItemQuery): Promise<Page<ItemSummary>> {
    return pgGuard('listItems', () => this.#items.listItems(query));
  }

  async getAssessment(key: string): Promise<Assessment | undefined> {
    return pgGuard('getAssessment', () => this.#assessments.getAssessment(key));
  }

  async listChannels(limit: number, cursor?: string): Promise<Page<ChannelSummary>> {
    return pgGuard('listChannels', () => this.#channels.listChannels(limit, cursor));
  }

  async getChannel(platform: string, id: string): Promise<ChannelSummary | undefined> {
    return pgGuard('getChannel', () => this.#channels.getChannel(platform, id));
  }

  async listChannelEvents(platform: string, chatId: string, limit: number): Promise<ChannelEvent[]> {
    return pgGuard('listChannelEvents', () => this.#channels.listChannelEvents(platform, chatId, limit));
  }

  async getCase(id: string): Promise<Case | undefined> {
    return pgGuard('getCase', () => this.#cases.getCase(id));
  }

  async listCases(query: { status?: CaseStatus; limit: number; cursor?: string }): Promise<Page<Case>> {
    return pgGuard('listCases', () => this.#cases.listCases(query));
  }

  async listCaseEvents(caseId: string): Promise<CaseEvent[]> {
    return pgGuard('listCaseEvents', () => this.#cases.listCaseEvents(caseId));
  }

  async listActions(query: { status?: ActionStatus; limit: number; cursor?: string }): Promise<Page<Action>> {
    return pgGuard('listActions', () => this.#actions.listActions(query));
  }

  async startRun(run: ScanRun): Promise<void> {
    return pgGuard('startRun', () => this.#runs.startRun(run));
  }

  async addRunErrors(runId: string, errors: readonly RecordError[]): Promise<void> {
    return pgGuard('addRunErrors', () => this.#runs.addRunErrors(runId, errors));
  }

  async finishRun(runId: string, status: 'completed' | 'failed', summary: ScanRunSummary): Promise<void> {
    return pgGuard('finishRun', () => this.#runs.finishRun(runId, status, summary, this.#now().toISOString()));
  }

  async getRun(runId: string): Promise<ScanRun | undefined> {
    return pgGuard('getRun', () => this.#runs.getRun(runId));
  }

  async listRunErrors(runId: string, limit: number): Promise<RecordError[]> {
    return pgGuard('listRunErrors', () => this.#runs.listRunErrors(runId, limit));
  }

  async reportCounts(query: ReportQuery): Promise<ReportCounts> {
    return pgGuard('reportCounts', () => this.#reports.reportCounts(query));
  }
}
