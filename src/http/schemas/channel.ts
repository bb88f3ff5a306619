import { z } from 'zod';
import { CHAT_TYPES } from '../../core/index.js';
import { cursorSchema, limitSchema, pageSchema } from './common.js';

/** Chats Rasd has seen items from, with counts, and the service events seen in them. */

export const channelListQuerySchema = z.object({ limit: limitSchema, cursor: cursorSchema }).strict();

export const channelParamsSchema = z.object({
  platform: z.string().regex(/^[a-z0-9-]{1,32}$/),
  id: z.string().min(1).max(128),
});

export const channelEventsQuerySchema = z.object({ limit: limitSchema }).strict();

export const channelSummarySchema = z.object({
  platform: z.string(),
  id: z.string(),
  username: z.string().optional(),
  title: z.string().optional(),
  type: z.enum(CHAT_TYPES),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  items: z.number().int().nonnegative(),
  violating: z.number().int().nonnegative(),
  review: z.number().int().nonnegative(),
});

export const channelPageSchema = pageSchema(channelSummarySchema);

export const channelEventSchema = z.object({
  platform: z.string(),
  chatId: z.string(),
  messageId: z.string(),
  action: z.string(),
  at: z.string(),
  actor: z.string().optional(),
  actorId: z.string().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
});

/** Newest events, up to `limit`; there is no cursor because the store gives no further pages. */
export const channelEventListSchema = z.object({ rows: z.array(channelEventSchema) });
