import {
  type ActionKind,
  type Category,
  type Severity,
  type Signal,
  severityRank,
  type Verdict,
  verdictRank,
} from '../../core/index.js';
import type { Condition, Policy, Rule, SignalFilter } from './policy-schema.js';

/** What the policy concludes from a set of signals. */
export interface PolicyOutcome {
  verdict: Verdict;
  categories: Category[];
  severity: Severity;
  confidence: number;
  rules: string[];
  actions: ActionKind[];
  needsReview: boolean;
  queue: string;
}

const CLEAR: PolicyOutcome = {
  verdict: 'clear',
  categories: [],
  severity: 'none',
  confidence: 1,
  rules: [],
  actions: [],
  needsReview: false,
  queue: 'default',
};

/**
 * Every rule is tried; the strongest verdict among the rules that fire wins, and only the rules
 * with that verdict shape the outcome (their categories, the highest severity, their actions).
 * Order in the file therefore does not change the verdict, which keeps edits to one rule local.
 */
export function evaluatePolicy(policy: Policy, signals: readonly Signal[]): PolicyOutcome {
  const fired: { rule: Rule; matched: Signal[] }[] = [];
  for (const rule of policy.rules) {
    const matched: Signal[] = [];
    if (holds(rule.when, signals, matched)) fired.push({ rule, matched });
  }
  if (fired.length === 0) return { ...CLEAR, rules: [] };
  let best: Verdict = 'clear';
  for (const { rule } of fired) if (verdictRank(rule.verdict) > verdictRank(best)) best = rule.verdict;
  const winners = fired.filter(({ rule }) => rule.verdict === best);
  return combine(best, winners, fired);
}

function combine(
  verdict: Verdict,
  winners: { rule: Rule; matched: Signal[] }[],
  fired: { rule: Rule; matched: Signal[] }[],
): PolicyOutcome {
  const categories = new Set<Category>();
  const actions = new Set<ActionKind>();
  let severity: Severity = 'none';
  let confidence = 0;
  let needsReview = false;
  for (const { rule, matched } of winners) {
    if (rule.category === 'from-signals') {
      for (const s of matched) if (s.category) categories.add(s.category);
    } else if (rule.category) categories.add(rule.category);
    for (const action of rule.actions) actions.add(action);
    if (severityRank(rule.severity) > severityRank(severity)) severity = rule.severity;
    for (const s of matched) confidence = Math.max(confidence, s.score);
    needsReview ||= rule.review ?? rule.verdict === 'review';
  }
  return {
    verdict,
    categories: [...categories],
    severity: verdict === 'clear' ? 'none' : severity,
    confidence: verdict === 'clear' ? 1 - confidence : confidence,
    rules: fired.map(({ rule }) => rule.id),
    actions: [...actions],
    needsReview,
    queue: winners[0]?.rule.queue ?? 'default',
  };
}

function holds(condition: Condition, signals: readonly Signal[], matched: Signal[]): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, signals, matched));
  if ('any' in condition) {
    let any = false;
    for (const c of condition.any) any = holds(c, signals, matched) || any;
    return any;
  }
  if ('not' in condition) return !holds(condition.not, signals, []);
  return matchFilter(condition.signal, signals, matched);
}

function matchFilter(filter: SignalFilter, signals: readonly Signal[], matched: Signal[]): boolean {
  const hits: Signal[] = [];
  for (const signal of signals) if (passes(filter, signal)) hits.push(signal);
  if (hits.length < filter.minCount) return false;
  matched.push(...hits);
  return true;
}

function passes(filter: SignalFilter, s: Signal): boolean {
  return (
    (filter.kind === undefined || s.kind === filter.kind) &&
    (filter.provider === undefined || s.provider === filter.provider) &&
    (filter.label === undefined || s.label === filter.label) &&
    (filter.category === undefined || s.category === filter.category) &&
    (filter.org === undefined || s.org === filter.org) &&
    (filter.tactic === undefined || s.tactic === filter.tactic) &&
    (filter.minScore === undefined || s.score >= filter.minScore) &&
    (filter.maxScore === undefined || s.score <= filter.maxScore)
  );
}
