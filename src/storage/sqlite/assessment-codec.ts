import type { Assessment, Category } from '../../core/index.js';
import { type Cell, columnsOf } from './row-insert.js';

/**
 * An assessment keeps what reports and queues look at as columns; signals, tactics, rules and
 * requested actions, which are only ever read back whole, are its JSON document. Categories
 * and orgs live in child tables, in their original order, because lists filter and count them.
 */
export interface AssessmentRow {
  item_key: string;
  verdict: Assessment['verdict'];
  severity: Assessment['severity'];
  confidence: number;
  needs_review: number;
  policy_version: string;
  scanned_at: string;
  latency_ms: number;
  /** The item's, copied so that flagged items can be listed by time from one index. */
  posted_ms: number;
  document: string;
}

type AssessmentDocument = Pick<Assessment, 'signals' | 'tactics' | 'rules' | 'requestedActions'>;

export interface CategoryRow {
  item_key: string;
  category: Category;
  position: number;
}

export interface OrgRow {
  item_key: string;
  org: string;
  position: number;
}

export const ASSESSMENT_COLUMNS = columnsOf<AssessmentRow>({
  item_key: true,
  verdict: true,
  severity: true,
  confidence: true,
  needs_review: true,
  policy_version: true,
  scanned_at: true,
  latency_ms: true,
  posted_ms: true,
  document: true,
});
export const CATEGORY_COLUMNS = columnsOf<CategoryRow>({ item_key: true, category: true, position: true });
export const ORG_COLUMNS = columnsOf<OrgRow>({ item_key: true, org: true, position: true });

/**
 * `assessmentToRow`'s cells in ASSESSMENT_COLUMNS order (with `posted_ms`), then the rows of its
 * categories and orgs, appended to flat arrays without building row objects.
 */
export function pushAssessmentCells(a: Assessment, postedMs: number, out: AssessmentCells): void {
  const key = a.itemKey;
  out.assessments.push(
    key,
    a.verdict,
    a.severity,
    a.confidence,
    a.needsReview ? 1 : 0,
    a.policyVersion,
    a.scannedAt,
    a.latencyMs,
    postedMs,
    assessmentDocument(a),
  );
  for (let position = 0; position < a.categories.length; position++) {
    out.categories.push(key, a.categories[position] as Category, position);
  }
  for (let position = 0; position < a.orgs.length; position++) out.orgs.push(key, a.orgs[position] as string, position);
}

export interface AssessmentCells {
  assessments: Cell[];
  categories: Cell[];
  orgs: Cell[];
}

function assessmentDocument(a: Assessment): string {
  const document: AssessmentDocument = {
    signals: a.signals,
    tactics: a.tactics,
    rules: a.rules,
    requestedActions: a.requestedActions,
  };
  return JSON.stringify(document);
}

export function assessmentToRow(a: Assessment, postedMs: number): AssessmentRow {
  return {
    item_key: a.itemKey,
    verdict: a.verdict,
    severity: a.severity,
    confidence: a.confidence,
    needs_review: a.needsReview ? 1 : 0,
    policy_version: a.policyVersion,
    scanned_at: a.scannedAt,
    latency_ms: a.latencyMs,
    posted_ms: postedMs,
    document: assessmentDocument(a),
  };
}

export function rowToAssessment(row: AssessmentRow, categories: Category[], orgs: string[]): Assessment {
  const document = JSON.parse(row.document) as AssessmentDocument;
  return {
    itemKey: row.item_key,
    verdict: row.verdict,
    categories,
    severity: row.severity,
    confidence: row.confidence,
    tactics: document.tactics,
    orgs,
    signals: document.signals,
    rules: document.rules,
    policyVersion: row.policy_version,
    requestedActions: document.requestedActions,
    needsReview: row.needs_review === 1,
    scannedAt: row.scanned_at,
    latencyMs: row.latency_ms,
  };
}
