export { evaluatePolicy, type PolicyOutcome } from './evaluate-policy.js';
export { loadPolicy, parsePolicy } from './load-policy.js';
export type { Condition, Policy, Rule, SignalFilter } from './policy-schema.js';
export { policySchema } from './policy-schema.js';
