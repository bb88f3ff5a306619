import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { queueRemoval } from '../../actions/referral-queue.js';
import type { AppContext } from '../../app/index.js';
import { CASE_STATUSES, CATEGORY_IDS, DECISION_OUTCOMES } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import {
  appealCase,
  atGraphicCap,
  claimCase,
  claimNext,
  DEFAULT_WELLBEING_POLICY,
  decideCase,
  utcDay,
} from '../../review/cases/index.js';
import { preserveRemoval } from '../../review/evidence/index.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { caseView, commandCall, parseInput, runCommand, settled } from './case-command.js';

/**
 * The review room over HTTP: list the queues, claim, decide, appeal. Who may call which route
 * is `review/roles.ts`; the reviewer is the caller's audit identity (`user:NAME`, `key:ID`), so
 * the claim, the decision and the audit entry name the same person (refusals: `case-command.ts`).
 * Every claim, decision and appeal is appended to the audit log before the answer leaves, and a
 * `remove` decision's item is preserved as evidence (`review/evidence/`) and queued for the next
 * referral batch of its platform (`actions/referral-queue.ts`).
 */

/** How long a claim holds; renewing (claiming again) starts it over. */
const CLAIM_TTL_MS = 15 * 60_000;

const text = (max: number) => z.string().trim().min(1).max(max);
const listQuery = z
  .object({
    queue: text(200).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    category: text(100).optional(),
    lang: text(20).optional(),
    org: text(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: text(1000).optional(),
  })
  .strict();
const nextBody = z.object({ queue: text(200).optional() }).strict();
const decisionBody = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    category: z.enum(CATEGORY_IDS).optional(),
    policyRef: text(200).optional(),
    note: text(1000).optional(),
  })
  .strict();
const appealBody = z.object({ reason: text(1000) }).strict();
export function registerCaseReviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = ctx.store;

  app.get('/api/cases', async (request, reply) => {
    const query = parseInput(listQuery, request.query, '/query');
    reply.type(JSON_MEDIA_TYPE);
    return store.listReviewCases(query);
  });

  app.post('/api/cases/next', async (request, reply) => {
    const { queue } = parseInput(nextBody, request.body, '/body');
    const reviewer = requirePrincipal(request).actor;
    const result = await claimNext(store, {
      reviewer,
      now: new Date(),
      ttlMs: CLAIM_TTL_MS,
      policy: DEFAULT_WELLBEING_POLICY,
      ...(queue !== undefined && { queue }),
    });
    // Nothing servable (empty queue, all held, or only graphic cases past the cap).
    if (result === undefined) return reply.code(204).send();
    const { event, state } = settled(result);
    await appendAudit(store, {
      actor: reviewer,
      action: 'case.claim',
      target: event.caseId,
      reason: 'claimed the next case of the queue',
      details: { expiresAt: event.expiresAt, queue: queue ?? null },
    });
    reply.type(JSON_MEDIA_TYPE);
    return caseView(state);
  });

  app.post('/api/cases/:id/claim', async (request, reply) => {
    const call = await commandCall(ctx, request);
    const { reviewer, now } = call;
    // A case asked for by id is still an exposure: the cap holds here as in /next.
    const seen = call.graphic ? await store.graphicExposure(reviewer, utcDay(now)) : 0;
    const overGraphicCap = call.graphic && atGraphicCap({ graphic: seen }, DEFAULT_WELLBEING_POLICY);
    const { event, state } = await runCommand(ctx, call, (s) =>
      claimCase(s, { reviewer, now, ttlMs: CLAIM_TTL_MS, overGraphicCap }),
    );
    await appendAudit(store, {
      actor: reviewer,
      action: 'case.claim',
      target: event.caseId,
      reason: 'claimed',
      details: { expiresAt: event.expiresAt },
    });
    reply.type(JSON_MEDIA_TYPE);
    return caseView(state);
  });

  app.post('/api/cases/:id/decision', async (request, reply) => {
    const body = parseInput(decisionBody, request.body, '/body');
    const call = await commandCall(ctx, request);
    const { reviewer, now } = call;
    const { event, state } = await runCommand(ctx, call, (s) => decideCase(s, { reviewer, now, ...body }));
    await appendAudit(store, {
      actor: reviewer,
      action: 'case.decision',
      target: event.caseId,
      reason: body.note ?? `decided ${body.outcome} without a note`,
      details: { outcome: body.outcome, category: body.category ?? null, policyRef: body.policyRef ?? null },
    });
    // After the audit: the decision stands whatever happens to its evidence copy.
    const { retentionDays } = ctx.config.evidence;
    await preserveRemoval(store, { itemKey: call.itemKey, decision: event.decision, retentionDays, now });
    await queueRemoval(store, { itemKey: call.itemKey, decision: event.decision, now });
    reply.type(JSON_MEDIA_TYPE);
    return caseView(state);
  });

  app.post('/api/cases/:id/appeal', async (request, reply) => {
    const { reason } = parseInput(appealBody, request.body, '/body');
    const call = await commandCall(ctx, request);
    const { reviewer } = call;
    const { event, state } = await runCommand(ctx, call, (s) => appealCase(s, reviewer, reason, call.now));
    await appendAudit(store, { actor: reviewer, action: 'case.appeal', target: event.caseId, reason });
    reply.type(JSON_MEDIA_TYPE);
    return caseView(state);
  });
}
