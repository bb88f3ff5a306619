import { z } from 'zod';
import { CASE_STATUSES } from '../../core/index.js';
import { cursorSchema, limitSchema, pageSchema } from './common.js';

/** Review cases, read-only until the review room exists. */

export const caseListQuerySchema = z
  .object({ status: z.enum(CASE_STATUSES).optional(), limit: limitSchema, cursor: cursorSchema })
  .strict();

export const caseSchema = z.object({
  id: z.string(),
  itemKey: z.string(),
  status: z.enum(CASE_STATUSES),
  queue: z.string(),
  priority: z.number(),
  reason: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
});

export const casePageSchema = pageSchema(caseSchema);
