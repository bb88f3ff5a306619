import { z } from 'zod';
import { itemSchema } from '../../core/index.js';
import { assessmentSchema, categorySchema, verdictSchema } from './assessment.js';
import { cursorSchema, instantSchema, limitSchema, pageSchema } from './common.js';

/** Items: one version of one message, listed newest first by when it was posted. */

export const itemListQuerySchema = z
  .object({
    chatId: z.string().min(1).max(128).optional(),
    verdict: verdictSchema.optional(),
    category: categorySchema.optional(),
    org: z.string().min(1).max(256).optional(),
    from: instantSchema.optional().describe('Posted at or after (inclusive).'),
    to: instantSchema.optional().describe('Posted before (exclusive).'),
    limit: limitSchema,
    cursor: cursorSchema,
  })
  .strict();

export const itemSummarySchema = z.object({
  key: z.string(),
  platform: z.string(),
  chatId: z.string(),
  messageId: z.string(),
  version: z.number().int(),
  postedAt: z.string(),
  verdict: verdictSchema.optional().describe('Absent when the item has not been assessed.'),
  categories: z.array(categorySchema),
  orgs: z.array(z.string()),
});

export const itemPageSchema = pageSchema(itemSummarySchema);

/** The stored item and what Rasd concluded about it (`null` when not assessed). */
export const itemDetailSchema = z.object({
  item: itemSchema,
  assessment: assessmentSchema.nullable(),
});
