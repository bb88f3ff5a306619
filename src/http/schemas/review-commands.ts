import { z } from 'zod';
import { CASE_STATUSES, CATEGORY_IDS, DECISION_OUTCOMES } from '../../core/index.js';

/**
 * The review commands' inputs, once: the routes parse with them (`routes/cases-review.ts`,
 * `routes/cases-bank-add.ts`) and the OpenAPI document describes them (`routes/openapi.ts`).
 */

export const reviewText = (max: number) => z.string().trim().min(1).max(max);

export const caseListQuery = z
  .object({
    queue: reviewText(200).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    category: reviewText(100).optional(),
    lang: reviewText(20).optional(),
    org: reviewText(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: reviewText(1000).optional(),
  })
  .strict();

export const nextCaseBody = z.object({ queue: reviewText(200).optional() }).strict();

export const decisionBody = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    category: z.enum(CATEGORY_IDS).optional(),
    policyRef: reviewText(200).optional(),
    note: reviewText(1000).optional(),
  })
  .strict();

export const appealBody = z.object({ reason: reviewText(1000) }).strict();

export const bankAddBody = z.object({ bank: z.string().min(1).max(200), note: reviewText(1000).optional() }).strict();

export const bankAddConfirmBody = z
  .object({ requestId: z.string().min(1).max(400), note: reviewText(1000).optional() })
  .strict();
