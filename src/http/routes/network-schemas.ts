import { z } from 'zod';
import { EDGE_KINDS, type EdgeKind } from '../../app/index.js';

/**
 * The zod shapes of the channel-network routes (issue 7): what a caller may ask, and what the
 * answers look like, for validation and for the OpenAPI document. The answers restate
 * `analysis/network-types.ts`; ids, handles, titles, counts and times only, never post text.
 */

const ref = z.string().trim().min(1).max(300);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date, e.g. 2026-01-31');

function edgeKindList(value: string | undefined): EdgeKind[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((kind) => kind.trim()) as EdgeKind[];
}

export const graphQuery = z
  .object({
    node: ref.optional().describe('A node id (chat:…, user:…), a handle or a chat id; the whole graph when absent'),
    depth: z.coerce.number().int().min(1).max(3).default(1),
    kinds: z
      .string()
      .max(400)
      .optional()
      .transform(edgeKindList)
      .pipe(z.array(z.enum(EDGE_KINDS)).optional())
      .describe(`Comma-separated edge kinds to follow: ${EDGE_KINDS.join(', ')}`),
  })
  .strict();

export const lineageQuery = z
  .object({
    chat: ref.optional().describe('The chat to trace; without it, every closed chat with its candidates'),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

export const trendsQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    by: z.enum(['org', 'language', 'none']).default('none'),
  })
  .strict();

export const closureBody = z
  .object({
    platform: z.literal('telegram').default('telegram'),
    chat: ref.describe('The closed chat: its id, handle or node id'),
    at: z.iso.datetime({ offset: true }).optional().describe('When it was closed; now when absent'),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const networkNodeView = z.object({
  id: z.string(),
  kind: z.enum(['channel', 'group', 'bot', 'site', 'invite']),
  handle: z.string().optional(),
  handles: z.array(z.string()),
  title: z.string().optional(),
  titles: z.array(z.string()),
  avatarPdq: z.string().optional(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  posts: z.number().int(),
  closedAt: z.string().optional(),
});

export const networkEdgeView = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(EDGE_KINDS),
  count: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export const lineageCandidateView = z.object({
  closed: z.string(),
  candidate: z.string(),
  score: z.number(),
  reasons: z.array(
    z.object({
      factor: z.enum(['name', 'avatar', 'content', 'audience', 'timing', 'announced']),
      value: z.number(),
      detail: z.string(),
    }),
  ),
});

export const graphView = z.object({ nodes: z.array(networkNodeView), edges: z.array(networkEdgeView) });

export const lineageView = z.union([
  z.object({
    node: networkNodeView,
    successors: z.array(lineageCandidateView),
    predecessors: z.array(lineageCandidateView),
  }),
  z.object({ closures: z.array(z.object({ node: networkNodeView, candidates: z.array(lineageCandidateView) })) }),
]);

export const beaconsView = z.object({
  findings: z.array(
    z.object({
      node: z.string(),
      kind: z.enum(['beacon', 'backup']),
      share: z.number(),
      posts: z.number().int(),
      targets: z.array(z.string()),
    }),
  ),
});

export const campaignsView = z.object({
  campaigns: z.array(
    z.object({
      fingerprint: z.string(),
      members: z.array(z.string()),
      firstPoster: z.string(),
      start: z.string(),
      end: z.string(),
      spread: z.array(z.object({ minute: z.number(), chats: z.number().int() })),
    }),
  ),
});

export const trendsView = z.object({
  rows: z.array(z.record(z.string(), z.unknown())),
  bursts: z.array(
    z.object({
      day: z.string(),
      hijri: z.string(),
      newChats: z.number().int(),
      baseline: z.number(),
      chats: z.array(z.string()),
    }),
  ),
  surges: z.array(
    z.object({
      day: z.string(),
      hijri: z.string(),
      count: z.number().int(),
      baseline: z.number(),
      near: z.string().optional(),
    }),
  ),
  dates: z.array(
    z.object({ day: z.string(), name: z.string(), hijri: z.string(), calendar: z.enum(['hijri', 'gregorian']) }),
  ),
});

export const closureView = z.object({ node: z.string().optional(), recorded: z.boolean() });
