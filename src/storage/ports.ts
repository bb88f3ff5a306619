import type {
  Action,
  ActionStatus,
  Assessment,
  Case,
  CaseEvent,
  CaseStatus,
  Category,
  Channel,
  ChannelEvent,
  Item,
  RecordError,
  Verdict,
} from '../core/index.js';
import type { BankStore } from './bank-ports.js';
import type { ChannelClosureStore } from './closure-ports.js';
import type { EvidenceStore } from './evidence-ports.js';
import type { MediaPreviewStore } from './media-preview-ports.js';
import type { OutboxStore } from './outbox-ports.js';
import type { AuditStore, PeopleStore } from './people-ports.js';
import type { ReferralStore } from './referral-ports.js';
import type { RemovalOrderStore } from './removal-order-ports.js';
import type { ReviewStore } from './review-ports.js';
import type { ActionWriteStore, ItemVersionStore, TelegramStore } from './telegram-ports.js';

/**
 * The narrow ports Rasd's rooms need from storage. Each consumer takes only the ports it uses;
 * the SQLite adapter implements them all today, a PostgreSQL adapter will implement the same
 * without callers changing, and `contract/` holds the suites that every adapter must pass.
 * All methods are async, even on SQLite, because that is what a networked database needs.
 */

/** What a scan writes in one transaction: everything or nothing. */
export interface ScanBatch {
  items: Item[];
  assessments: Assessment[];
  cases: Case[];
  caseEvents: CaseEvent[];
  actions: Action[];
  channels: Channel[];
  channelEvents: ChannelEvent[];
}

export interface SaveResult {
  /** Items stored by this call; items whose key existed already are left untouched. */
  itemsInserted: number;
  assessmentsInserted: number;
  channelEventsInserted: number;
}

/** What a rescan needs to know about an item version that was scanned before. */
export interface AssessedSummary {
  verdict: Verdict;
  categories: Category[];
  orgs: string[];
}

export interface ScanStore {
  saveBatch(batch: ScanBatch): Promise<SaveResult>;
  findAssessed(keys: readonly string[]): Promise<Map<string, AssessedSummary>>;
}

export interface Page<T> {
  rows: T[];
  /** Opaque cursor for the next page, absent on the last page. */
  next?: string;
}

export interface ItemQuery {
  chatId?: string;
  verdict?: Verdict;
  category?: Category;
  org?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export interface ItemSummary {
  key: string;
  platform: string;
  chatId: string;
  messageId: string;
  version: number;
  postedAt: string;
  verdict?: Verdict;
  categories: Category[];
  orgs: string[];
}

export interface ItemStore {
  getItem(key: string): Promise<Item | undefined>;
  listItems(query: ItemQuery): Promise<Page<ItemSummary>>;
}

export interface AssessmentStore {
  getAssessment(key: string): Promise<Assessment | undefined>;
}

export interface ChannelSummary extends Channel {
  items: number;
  violating: number;
  review: number;
}

export interface ChannelStore {
  listChannels(limit: number, cursor?: string): Promise<Page<ChannelSummary>>;
  getChannel(platform: string, id: string): Promise<ChannelSummary | undefined>;
  listChannelEvents(platform: string, chatId: string, limit: number): Promise<ChannelEvent[]>;
}

export interface CaseStore {
  getCase(id: string): Promise<Case | undefined>;
  listCases(query: { status?: CaseStatus; limit: number; cursor?: string }): Promise<Page<Case>>;
  listCaseEvents(caseId: string): Promise<CaseEvent[]>;
}

export interface ActionStore {
  listActions(query: { status?: ActionStatus; limit: number; cursor?: string }): Promise<Page<Action>>;
}

export interface ScanRunSummary {
  items: number;
  /** Items whose version had been scanned before: counted with their stored verdict, not rescanned. */
  unchanged: number;
  violating: number;
  review: number;
  clear: number;
  channelEvents: number;
  byCategory: Record<string, number>;
  byOrg: Record<string, number>;
  errors: RecordError[];
}

export interface ScanRun {
  id: string;
  sources: string[];
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'completed' | 'failed';
  summary?: ScanRunSummary;
}

export interface ScanRunStore {
  startRun(run: ScanRun): Promise<void>;
  /** Errors are appended as they happen, so a crash mid-run still leaves them. */
  addRunErrors(runId: string, errors: readonly RecordError[]): Promise<void>;
  finishRun(runId: string, status: 'completed' | 'failed', summary: ScanRunSummary): Promise<void>;
  getRun(runId: string): Promise<ScanRun | undefined>;
  listRunErrors(runId: string, limit: number): Promise<RecordError[]>;
}

export interface ReportQuery {
  /** Inclusive start and exclusive end, ISO 8601; items are placed by when they were posted. */
  from: string;
  to: string;
}

export interface ReportCounts {
  scanned: number;
  violating: number;
  review: number;
  clear: number;
  byDay: { day: string; scanned: number; violating: number; review: number }[];
  byCategory: { category: string; violating: number; review: number }[];
  byOrg: { org: string; violating: number; review: number; mentions: number }[];
  byChannel: { chatId: string; title?: string; scanned: number; violating: number; review: number }[];
}

export interface ReportStore {
  reportCounts(query: ReportQuery): Promise<ReportCounts>;
}

/** Everything an adapter provides; consumers should still ask for the narrow ports above. */
export interface Store
  extends BankStore,
    ScanStore,
    ItemStore,
    AssessmentStore,
    ChannelStore,
    CaseStore,
    ActionStore,
    ScanRunStore,
    ReportStore,
    PeopleStore,
    AuditStore,
    ReviewStore,
    EvidenceStore,
    ReferralStore,
    OutboxStore,
    MediaPreviewStore,
    RemovalOrderStore,
    ChannelClosureStore,
    TelegramStore,
    ActionWriteStore,
    ItemVersionStore {
  close(): Promise<void>;
}

export type * from './bank-ports.js';
export type * from './closure-ports.js';
export type * from './evidence-ports.js';
export type * from './media-preview-ports.js';
export type * from './outbox-ports.js';
export type * from './people-ports.js';
export type * from './referral-ports.js';
export type * from './removal-order-ports.js';
export type * from './review-ports.js';
export type * from './telegram-ports.js';
