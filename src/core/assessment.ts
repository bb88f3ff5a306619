import type { ActionKind } from './action.js';
import type { Signal } from './signal.js';
import type { Category, Severity, Tactic, Verdict } from './taxonomy.js';

/**
 * Everything Rasd concluded about one item version: the signals, which policy rules fired, the
 * verdict, and the versions that produced them, so any decision can be traced and replayed.
 */
export interface Assessment {
  itemKey: string;
  verdict: Verdict;
  categories: Category[];
  severity: Severity;
  /** 0..1: how sure the policy is of the verdict (the strongest contributing signal). */
  confidence: number;
  tactics: Tactic[];
  orgs: string[];
  signals: Signal[];
  /** Rule ids that fired, in rule order. */
  rules: string[];
  policyVersion: string;
  /** Actions the policy asked for; they are queued in the outbox, not performed here. */
  requestedActions: ActionKind[];
  /** Whether a human must look: true for `review`, and for `violating` when the rule says so. */
  needsReview: boolean;
  scannedAt: string;
  latencyMs: number;
}
