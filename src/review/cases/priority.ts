import { type Severity, severityRank } from '../../core/index.js';

/** What a case's urgency is computed from. */
export interface PriorityInput {
  severity: Severity;
  /** 0..1, the assessment's confidence. */
  confidence: number;
  /** Views of the item, if the platform reports them. */
  views?: number;
  /** Members or subscribers of the channel it was posted in. */
  channelSize?: number;
  postedAt: string;
}

export interface PriorityWeights {
  /** Multiplier per severity: a critical item outranks a low one at any reach. */
  severity: Record<Severity, number>;
  /** Weight of log10(1 + views) and log10(1 + channel size) in the reach factor. */
  views: number;
  channelSize: number;
  /** After this long an item's urgency halves: harm concentrates in the first hours. */
  halfLifeMs: number;
}

/**
 * Defaults: severity steps roughly double; reach is logarithmic so a channel of a million does
 * not bury everything else (1 + 0.5·log10(1+views) + 0.25·log10(1+members): ×4.5 for a million
 * views and members); recency halves every 6 hours.
 */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  severity: { none: 0.1, low: 1, medium: 2, high: 4, critical: 8 },
  views: 0.5,
  channelSize: 0.25,
  halfLifeMs: 6 * 60 * 60 * 1000,
};

/** severity × confidence × reach, without the clock. */
export function basePriority(input: PriorityInput, w: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): number {
  const confidence = Math.min(1, Math.max(0, input.confidence));
  const reach =
    1 + w.views * Math.log10(1 + (input.views ?? 0)) + w.channelSize * Math.log10(1 + (input.channelSize ?? 0));
  // severityRank keeps unknown severities out of the table from yielding NaN.
  const severity = w.severity[input.severity] ?? severityRank(input.severity);
  return severity * confidence * reach;
}

/** priority = severity × confidence × reach × 2^(−age / half-life); a future post counts as new. */
export function priority(input: PriorityInput, now: Date, w: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): number {
  const ageMs = Math.max(0, now.getTime() - Date.parse(input.postedAt));
  return basePriority(input, w) * 2 ** (-ageMs / w.halfLifeMs);
}

/**
 * A sort key that orders cases exactly as `priority` does at every instant: the decay factor
 * is the same for all cases at a given now, so log2(priority) = log2(base) + posted/half-life
 * minus a common term. Stored once, it never needs recomputing as the clock runs.
 */
export function priorityRank(input: PriorityInput, w: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): number {
  const base = basePriority(input, w);
  // Finite, so a database column can hold it: no confidence ranks last, not at −∞.
  if (base <= 0) return -Number.MAX_VALUE;
  return Math.log2(base) + Date.parse(input.postedAt) / w.halfLifeMs;
}
