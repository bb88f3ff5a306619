import type { ChatType } from './item.js';
/**
 * Referrals: removal decisions sent to a platform's trust-and-safety team in batches, and what
 * became of each item. Shared by the actions room (which builds and judges them) and storage
 * (which keeps them), so the shapes are defined once here.
 */

/** Evidence a platform can match on its side without receiving the content. */
export interface ReferralEvidence {
  sha256?: string[];
  md5?: string[];
  pdq?: string[];
  /** Ids of text-bank entries the item matched. */
  textBankEntries?: string[];
}

/** A reviewer's remove decision, reduced to what a referral needs. */
export interface RemovalDecision {
  decisionId: string;
  decidedAt: string;
  platform: string;
  /** `type` decides the link form: a `t.me/c/…` link only opens for channels and supergroups. */
  chat: { id: string; username?: string; type?: ChatType };
  messageId: string;
  category: string;
  organisation?: string;
  evidence: ReferralEvidence;
}

export interface ReferralRow {
  decisionId: string;
  decidedAt: string;
  platform: string;
  itemLink: string;
  chatId: string;
  messageId: string;
  category: string;
  organisation?: string;
  evidence: Required<ReferralEvidence>;
}

export interface ReferralBatch {
  batchId: string;
  platform: string;
  createdAt: string;
  windowStart: string;
  windowEnd: string;
  itemCount: number;
  items: ReferralRow[];
}

export const REFERRAL_STATUSES = ['pending', 'removed', 'refused', 'unknown'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface ReferralOutcome {
  decisionId: string;
  itemLink: string;
  batchId: string;
  referredAt: string;
  status: ReferralStatus;
  /** When the current status was observed. */
  observedAt?: string;
  source?: 'callback' | 'recheck';
  /** Set once, at the first observed removal. */
  timeToRemovalMs?: number;
}
