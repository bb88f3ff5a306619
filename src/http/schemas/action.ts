import { z } from 'zod';
import { ACTION_KINDS, ACTION_STATUSES } from '../../core/index.js';
import { cursorSchema, limitSchema, pageSchema } from './common.js';

/** Outbox actions (delete, ban, refer, webhook), read-only until the actions room exists. */

export const actionListQuerySchema = z
  .object({ status: z.enum(ACTION_STATUSES).optional(), limit: limitSchema, cursor: cursorSchema })
  .strict();

export const actionSchema = z.object({
  id: z.string(),
  itemKey: z.string(),
  kind: z.enum(ACTION_KINDS),
  target: z.string(),
  status: z.enum(ACTION_STATUSES),
  attempts: z.number().int().nonnegative(),
  requestedAt: z.string(),
  lastAttemptAt: z.string().optional(),
  confirmedAt: z.string().optional(),
  outcome: z.string().optional(),
  reason: z.string(),
});

export const actionPageSchema = pageSchema(actionSchema);
