import type { Assessment, Decision, Item, MediaRef } from '../core/index.js';
import type { Page } from './ports.js';

/**
 * Preserved evidence: what a removed item was, kept for a retention period after the removal
 * (TCO Regulation art. 6: six months) so that it can be produced for review, appeal or an
 * investigation, then purged. Media files are referenced with their sha256, never copied: the
 * export folder stays the one place media lives, and the hash shows a file produced later is
 * the one that was assessed.
 */

/** A media file of the item as a reference; `sha256` is absent when the scan never hashed it. */
export type EvidenceMedia = Pick<MediaRef, 'kind' | 'status' | 'path' | 'fileName' | 'sha256' | 'size'>;

export interface NewEvidence {
  caseId: string;
  itemKey: string;
  /** The item as stored when the removal was decided. */
  item: Item;
  assessment?: Assessment;
  decision: Decision;
  media: EvidenceMedia[];
  preservedAt: string;
  /** `preservedAt` plus the retention period: the record may be purged from this instant on. */
  purgeAfter: string;
}

export interface Evidence extends NewEvidence {
  /** 1, 2, 3, … in the order records were preserved; never reused after a purge. */
  id: number;
}

export interface EvidenceSummary {
  id: number;
  caseId: string;
  itemKey: string;
  decidedAt: string;
  preservedAt: string;
  purgeAfter: string;
  media: number;
}

export interface EvidenceStore {
  /** Idempotent per decision (case and decision time): preserving twice returns the first record. */
  preserveEvidence(evidence: NewEvidence): Promise<Evidence>;
  getEvidence(id: number): Promise<Evidence | undefined>;
  /** Oldest first. */
  listEvidence(query: { limit: number; cursor?: string }): Promise<Page<EvidenceSummary>>;
  /** Records whose `purgeAfter` is at or before `now`, oldest first. */
  listExpiredEvidence(now: string): Promise<EvidenceSummary[]>;
  /**
   * Deletes the named records that are expired at `now`, and nothing else: an id whose record
   * is not yet due is left alone whatever the caller asked. Returns how many were deleted.
   */
  deleteExpiredEvidence(ids: readonly number[], now: string): Promise<number>;
}
