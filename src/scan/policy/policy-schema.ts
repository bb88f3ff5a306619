import { z } from 'zod';
import { ACTION_KINDS, CATEGORY_IDS, SEVERITIES, SIGNAL_KINDS, TACTIC_IDS, VERDICTS } from '../../core/index.js';

/**
 * The policy is data: rules with conditions on signals and what to conclude when they hold.
 * Analysts change thresholds in the file, not in code; every Assessment records the policy
 * version and the rule ids that fired, so a verdict can be explained and replayed.
 */

const signalFilter = z
  .object({
    kind: z.enum(SIGNAL_KINDS).optional(),
    provider: z.string().optional(),
    label: z.string().optional(),
    category: z.enum(CATEGORY_IDS).optional(),
    org: z.string().optional(),
    tactic: z.enum(TACTIC_IDS).optional(),
    minScore: z.number().min(0).max(1).optional(),
    maxScore: z.number().min(0).max(1).optional(),
    /** How many distinct signals must pass the filter (default 1). */
    minCount: z.number().int().min(1).default(1),
  })
  .strict();
export type SignalFilter = z.infer<typeof signalFilter>;

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | { signal: SignalFilter };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    z.object({ signal: signalFilter }).strict(),
  ]),
) as z.ZodType<Condition>;

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    description: z.string().optional(),
    when: conditionSchema,
    verdict: z.enum(VERDICTS),
    /** A fixed category, or `from-signals` to take the categories of the signals that matched. */
    category: z.union([z.enum(CATEGORY_IDS), z.literal('from-signals')]).optional(),
    severity: z.enum(SEVERITIES).default('medium'),
    actions: z.array(z.enum(ACTION_KINDS)).default([]),
    /** Whether a human must confirm; defaults to true for `review`, false otherwise. */
    review: z.boolean().optional(),
    queue: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default('default'),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

export const policySchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    rules: z.array(ruleSchema).min(1),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `duplicate rule id "${rule.id}"` });
      }
      seen.add(rule.id);
    });
  });
export type Policy = z.infer<typeof policySchema>;
