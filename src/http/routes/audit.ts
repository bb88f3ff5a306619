import { z } from 'zod';
import { defineRoute } from '../route.js';

/** The audit log, oldest first, for admins (the role table says so); `rasd audit verify` checks its chain. */
const entry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  reason: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  prevHash: z.string(),
  hash: z.string(),
});

export const listAuditRoute = defineRoute({
  method: 'GET',
  url: '/api/audit',
  summary: 'The audit log',
  description: 'Every login, user, key, bank and setting change, decision and action, hash-chained; admins only.',
  tags: ['audit'],
  query: z
    .object({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().optional() })
    .strict(),
  response: z.object({ rows: z.array(entry), next: z.string().optional() }),
  handle: async ({ query, ctx }) =>
    ctx.store.listAudit({ limit: query.limit, ...(query.cursor !== undefined && { cursor: query.cursor }) }),
});
