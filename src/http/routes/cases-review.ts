import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decisionMessage, enqueue } from '../../actions/outbox.js';
import { queueRemoval } from '../../actions/referral-queue.js';
import { type AppContext, actOnDecision } from '../../app/index.js';
import { CASE_STATUSES, CATEGORY_IDS, DECISION_OUTCOMES } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import {
  appealCase,
  atGraphicCap,
  claimCase,
  claimNext,
  decideCase,
  utcDay,
  type WellbeingPolicy,
} from '../../review/cases/index.js';
import { preserveRemoval } from '../../review/evidence/index.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { appealBody, caseListQuery, decisionBody, nextCaseBody } from '../schemas/review-commands.js';
import { caseView, commandCall, parseInput, runCommand, settled } from './case-command.js';

/**
 * The review room over HTTP: list the queues, claim, decide, appeal. Who may call which route
 * is `review/roles.ts`; the reviewer is the caller's audit identity (`user:NAME`, `key:ID`), so
 * the claim, the decision and the audit entry name the same person (refusals: `case-command.ts`).
 * Every claim, decision and appeal is appended to the audit log before the answer leaves, and a
 * `remove` decision's item is preserved as evidence (`review/evidence/`) and queued for the next
 * referral batch of its platform (`actions/referral-queue.ts`).
 */

export function registerCaseReviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = ctx.store;
  // How long a claim holds (renewing, i.e. claiming again, starts it over) and the graphic cap:
  // both from config (`review.*`), read once as the server starts.
  const claimTtlMs = ctx.config.review.claimMinutes * 60_000;
  const wellbeing: WellbeingPolicy = { graphicDailyCap: ctx.config.review.graphicDailyCap };

  app.get('/api/cases', async (request, reply) => {
    const query = parseInput(caseListQuery, request.query, '/query');
    reply.type(JSON_MEDIA_TYPE);
    return store.listReviewCases(query);
  });

  app.post('/api/cases/next', async (request, reply) => {
    const { queue } = parseInput(nextCaseBody, request.body, '/body');
    const reviewer = requirePrincipal(request).actor;
    const result = await claimNext(store, {
      reviewer,
      now: new Date(),
      ttlMs: claimTtlMs,
      policy: wellbeing,
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
    const overGraphicCap = call.graphic && atGraphicCap({ graphic: seen }, wellbeing);
    const { event, state } = await runCommand(ctx, call, (s) =>
      claimCase(s, { reviewer, now, ttlMs: claimTtlMs, overGraphicCap }),
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
    // Where the bot moderates the chat, Rasd deletes the message itself too (telegram action runner).
    await actOnDecision(store, call.itemKey, event.decision, now);
    // A system that follows decisions (a case tracker, a takedown service) gets each one, signed,
    // through the outbox; without a `decisions` target nothing is queued to wait forever.
    if (ctx.config.outbox.targets.decisions !== undefined) {
      const message = decisionMessage(
        { decision: event.decision, itemKey: call.itemKey, destination: 'decisions' },
        now,
      );
      await enqueue(store, message);
    }
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
