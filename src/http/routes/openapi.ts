import { z } from 'zod';
import { CASE_STATUSES, CATEGORY_IDS, DECISION_OUTCOMES, REFERRAL_STATUSES, ROLES } from '../../core/index.js';
import { removalOrderInput } from '../../review/removal-order-intake.js';
import type { CommandMeta, OpenApiDocument } from '../openapi.js';
import { defineRoute, type Route } from '../route.js';
import {
  appealBody,
  bankAddBody,
  bankAddConfirmBody,
  caseListQuery,
  decisionBody,
  nextCaseBody,
} from '../schemas/review-commands.js';
import { statementParams } from './dsa.js';
import { NETWORK_OPERATIONS } from './network.js';
import { referralOutcomesBody, referralOutcomesParams, referralOutcomesResponse } from './referral-outcomes.js';
import {
  removalOrderCompleteBody,
  removalOrderListQuery,
  removalOrderParams,
  removalOrderView,
} from './removal-orders.js';

/** `GET /openapi.json`: the document generated from the route table this server registered. */
export function openApiRoute(document: () => OpenApiDocument): Route {
  return defineRoute({
    method: 'GET',
    url: '/openapi.json',
    summary: 'OpenAPI 3.1 description of this API',
    tags: ['system'],
    response: z.object({
      openapi: z.literal('3.1.0'),
      info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }),
      paths: z.record(z.string(), z.record(z.string(), z.unknown())),
      components: z.record(z.string(), z.unknown()),
    }),
    handle: async () => document(),
  });
}

/*
 * The routes registered outside the route table, for the OpenAPI document. Hand-kept: a route
 * added to `review/roles.ts` and not here fails `openapi-commands.test.ts`. @NOTE the case
 * bodies restate `cases-review.ts`'s private schemas; once that file exports them, import them.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const idParams = z.object({ id: z.string().min(1).max(200).describe('The case id') });
const batchParams = z.object({ id: z.string().min(1).max(200).describe('The referral batch id') });
const open = z.record(z.string(), z.unknown());

const caseView = z.object({
  caseId: z.string(),
  status: z.enum(CASE_STATUSES),
  claimedBy: z.string().optional(),
  claimExpiresAt: z.string().optional(),
  decision: open.optional(),
  version: z.number().int(),
});
const outcomeSummary = z.object({
  total: z.number().int(),
  byStatus: z.record(z.enum(REFERRAL_STATUSES), z.number().int()),
  timeToRemoval: z.object({ count: z.number().int(), medianMs: z.number(), p90Ms: z.number() }).nullable(),
});
const batchSummary = z.object({
  batchId: z.string(),
  platform: z.string(),
  createdAt: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  itemCount: z.number().int(),
});
const STATE_CONFLICT = {
  '409': 'The case is not in a state for this (held by another, already decided, changed meanwhile)',
};

const LOGIN: CommandMeta[] = [
  {
    method: 'POST',
    url: '/api/login',
    summary: 'Password login; sets the session cookie',
    tags: ['access'],
    public: true,
    body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict(),
    response: z.object({ username: z.string(), role: z.enum(ROLES), expiresAt: z.string() }),
    errors: { '401': 'Wrong username or password', '429': 'Too many failed logins; see Retry-After' },
  },
  {
    method: 'POST',
    url: '/api/logout',
    summary: 'Ends the session of the cookie sent',
    tags: ['access'],
    noContent: true,
  },
];

const CASES: CommandMeta[] = [
  {
    method: 'GET',
    url: '/api/cases',
    summary: 'Review cases, filtered by queue, status, category, language and organisation',
    tags: ['review'],
    query: caseListQuery,
    response: z.object({ rows: z.array(open), next: z.string().optional() }),
  },
  {
    method: 'POST',
    url: '/api/cases/next',
    summary: 'Claims the highest-priority open case of a queue',
    description: 'Answers 204 when nothing is servable (empty, all held, or only graphic cases past the cap).',
    tags: ['review'],
    body: nextCaseBody,
    response: caseView,
    noContent: true,
  },
  {
    method: 'POST',
    url: '/api/cases/:id/claim',
    summary: 'Claims (or renews the claim on) a case',
    tags: ['review'],
    params: idParams,
    response: caseView,
    errors: STATE_CONFLICT,
  },
  {
    method: 'POST',
    url: '/api/cases/:id/decision',
    summary: 'Decides a claimed case: remove, keep or escalate',
    description: 'A remove decision preserves the item as evidence and queues it for its platform’s referral batch.',
    tags: ['review'],
    params: idParams,
    body: decisionBody,
    response: caseView,
    errors: STATE_CONFLICT,
  },
  {
    method: 'POST',
    url: '/api/cases/:id/appeal',
    summary: 'Reopens a decided case for a different reviewer',
    tags: ['review'],
    params: idParams,
    body: appealBody,
    response: caseView,
    errors: STATE_CONFLICT,
  },
  {
    method: 'POST',
    url: '/api/cases/:id/bank-add',
    summary: 'Asks to add a removed item’s media hashes to a bank (dual control, step one)',
    tags: ['review'],
    params: idParams,
    body: bankAddBody,
    response: caseView.extend({ requestId: z.string() }),
    errors: STATE_CONFLICT,
  },
  {
    method: 'POST',
    url: '/api/cases/:id/bank-add/confirm',
    summary: 'Confirms another reviewer’s bank add; only then are the hashes banked',
    tags: ['review'],
    params: idParams,
    body: bankAddConfirmBody,
    response: caseView.extend({ bank: z.string() }).catchall(z.unknown()),
    errors: STATE_CONFLICT,
  },
];

const REFERRALS: CommandMeta[] = [
  {
    method: 'GET',
    url: '/api/referrals',
    summary: 'Referral batches and their outcome summary; a partner sees its own platforms’ only',
    tags: ['referrals'],
    response: z.object({ rows: z.array(batchSummary), summary: outcomeSummary }),
  },
  {
    method: 'GET',
    url: '/api/referrals/:id',
    summary: 'One referral batch (links and hashes) with each item’s outcome',
    tags: ['referrals'],
    params: batchParams,
    response: batchSummary.extend({ items: z.array(open), outcomes: referralOutcomesResponse.shape.outcomes }),
  },
  {
    method: 'POST',
    url: '/api/referrals/:id/outcomes',
    summary: 'A platform reports what became of referred items',
    description:
      'itemKey is the item’s decisionId or itemLink in the batch. A removal is final; time to removal is measured from the referral. A partner may report on its own platforms’ batches only (others are 404).',
    tags: ['referrals'],
    params: referralOutcomesParams,
    body: referralOutcomesBody,
    response: referralOutcomesResponse,
  },
];

const DASHBOARD: CommandMeta[] = [
  {
    method: 'GET',
    url: '/api/me',
    summary: 'Who is signed in',
    tags: ['access'],
    response: z.object({ actor: z.string(), role: z.enum(ROLES), name: z.string() }),
  },
  {
    method: 'GET',
    url: '/api/overview',
    summary: 'The dashboard overview’s figures for the last days',
    tags: ['review'],
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict(),
    response: open,
  },
  {
    method: 'GET',
    url: '/api/cases/:id',
    summary: 'One review case with its item, assessment, events and previews',
    tags: ['review'],
    params: idParams,
    response: open,
  },
  {
    method: 'GET',
    url: '/api/items/:key/media/:index',
    summary: 'A picture preview of an item sent to review',
    tags: ['review'],
    params: z.object({ key: z.string().min(1).max(2048), index: z.coerce.number().int().min(0).max(99) }),
    response: z.string(),
    produces: ['image/*'],
  },
];

const COMPLIANCE: CommandMeta[] = [
  {
    method: 'GET',
    url: '/api/cases/:id/statement',
    summary: 'The EU DSA statement of reasons for a case decided remove',
    description:
      'Validated against the DSA Transparency Database schema, ready for POST /api/v1/statement. 404 when the case has no remove decision; the legal fields come from the dsa.* settings.',
    tags: ['compliance'],
    params: statementParams,
    response: open,
  },
  {
    method: 'GET',
    url: '/api/removal-orders',
    summary: 'EU TCO removal orders, newest first, each with its one-hour clock at the time of the call',
    tags: ['compliance'],
    query: removalOrderListQuery,
    response: z.object({ now: z.string(), rows: z.array(removalOrderView) }),
  },
  {
    method: 'POST',
    url: '/api/removal-orders',
    summary: 'Records a removal order as it is received; the hour runs from receivedAt',
    tags: ['compliance'],
    body: removalOrderInput,
    response: removalOrderView,
    errors: { '409': 'This authority’s reference is recorded already' },
  },
  {
    method: 'POST',
    url: '/api/removal-orders/:id/complete',
    summary: 'Marks a removal order done; clock.metDeadline says whether the hour was kept',
    tags: ['compliance'],
    params: removalOrderParams,
    body: removalOrderCompleteBody,
    response: removalOrderView,
    errors: { '409': 'The order is completed already' },
  },
];

const OPERATIONS: CommandMeta[] = [
  {
    method: 'GET',
    url: '/ready',
    summary: 'Readiness: 200 when the database and the work queue answer, 503 otherwise',
    tags: ['system'],
    public: true,
    response: z.object({ status: z.enum(['ready', 'not ready']), db: z.string(), bus: z.string() }),
    errors: { '503': 'The database or the bus does not answer (the body says which)' },
  },
  {
    method: 'GET',
    url: '/metrics',
    summary: 'Prometheus metrics: items in, scanned by verdict, latency, queue depth, provider time, errors',
    tags: ['system'],
    response: z.string(),
    produces: ['text/plain'],
  },
  {
    method: 'POST',
    url: '/api/items',
    summary: 'Ingest: up to 1000 items to the work queue; answers 202 with what was accepted',
    description:
      'Each item version is queued once (its key is the de-duplication id); invalid items are listed with a pointer, the rest are queued.',
    tags: ['items'],
    body: z.object({ items: z.array(z.unknown()).min(1).max(1000) }).strict(),
    response: z.object({
      accepted: z.number().int(),
      duplicates: z.number().int(),
      rejected: z.number().int(),
      errors: z.array(z.object({ index: z.number().int(), pointer: z.string(), detail: z.string() })),
    }),
  },
];

/** Every route outside the route table, in the order the document lists them. */
export const COMMAND_OPERATIONS: readonly CommandMeta[] = [
  ...LOGIN,
  ...CASES,
  ...REFERRALS,
  ...DASHBOARD,
  ...COMPLIANCE,
  ...OPERATIONS,
  ...NETWORK_OPERATIONS,
];
