import type { CaseEvent, CaseStatus, Decision } from '../core/index.js';
import type { Page } from './ports.js';

/** Where a case routes and how it ranks; fixed when review first sees the case. */
export interface ReviewRouting {
  queue: string;
  category: string;
  lang: string;
  org: string;
  /** Graphic content counts against a reviewer's daily cap. */
  graphic: boolean;
  /** Time-invariant priority sort key (review/cases/priority.ts `priorityRank`), higher first. */
  rank: number;
}

export interface PendingBankAdd {
  caseId: string;
  requestId: string;
  bank: string;
  requestedBy: string;
  requestedAt: string;
}

/** The projection review/ computes from a case's events; the store keeps it for queues to read. */
export interface ReviewProjection {
  status: CaseStatus;
  appealed: boolean;
  claimedBy?: string;
  claimExpiresAt?: string;
  barred: string[];
  decision?: Decision;
  pendingBankAdds: PendingBankAdd[];
  version: number;
  updatedAt: string;
}

export interface ReviewCaseView extends ReviewRouting, ReviewProjection {
  caseId: string;
  itemKey: string;
}

export interface ReviewAppend {
  caseId: string;
  /** Required the first time review writes to a case. */
  routing?: ReviewRouting;
  /** The number of events the caller folded: a write based on a stale read is refused. */
  expectedVersion: number;
  /** `key` makes the append idempotent: an event whose key is stored already is skipped. */
  events: readonly { key: string; event: CaseEvent }[];
  projection: ReviewProjection;
}

export type ReviewAppendResult = { ok: true; appended: number } | { ok: false; conflict: true; version: number };

export interface ReviewCaseQuery {
  queue?: string;
  status?: CaseStatus;
  category?: string;
  lang?: string;
  org?: string;
  limit: number;
  cursor?: string;
}

/** A decided case with what an export needs of its item. */
export interface DecidedCase {
  caseId: string;
  itemKey: string;
  text: string;
  lang: string;
  decision: Decision;
}

/** The review room's storage: case events (append-only, idempotent) and the queue projection. */
export interface ReviewStore {
  appendReviewEvents(append: ReviewAppend): Promise<ReviewAppendResult>;
  getReviewCase(caseId: string): Promise<ReviewCaseView | undefined>;
  /** Highest rank first. */
  listReviewCases(query: ReviewCaseQuery): Promise<Page<ReviewCaseView>>;
  listPendingBankAdds(limit: number): Promise<PendingBankAdd[]>;
  /** Distinct graphic cases the reviewer claimed on a UTC day (`YYYY-MM-DD`). */
  graphicExposure(reviewer: string, day: string): Promise<number>;
  listDecidedCases(limit: number, cursor?: string): Promise<Page<DecidedCase>>;
}
