import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applyOutcome, REFERRAL_STATUSES, type ReferralOutcome } from '../../actions/index.js';
import type { AppContext } from '../../app/index.js';
import { AppError, type ReferralBatch } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { parseInput } from './case-command.js';
import { partnerScope } from './referrals.js';

/**
 * Outcome callbacks: a platform tells Rasd what became of the items of a referral it received
 * (`POST /api/referrals/:id/outcomes`, a partner API key or session). Each status goes through
 * the outcome rules (`actions/referral-outcome.ts`: a removal is final, time-to-removal is measured
 * from the referral), and each change is audited. The request is checked whole before anything
 * is written, so a bad item leaves every item as it was.
 */

/** How far ahead of our clock a reported time may be (the platform's clock skew). */
const MAX_SKEW_MS = 5 * 60_000;

export const outcomeItemSchema = z
  .object({
    /** The referred item: its `decisionId` or its `itemLink`, as the batch lists them. */
    itemKey: z.string().min(1).max(2000),
    status: z.enum(REFERRAL_STATUSES),
    /** When the platform acted; the time of the call when absent. */
    at: z.iso.datetime({ offset: true }).optional(),
    note: z.string().trim().min(1).max(500).optional(),
    /**
     * The platform closed the whole channel, not only the message (status `removed`): the
     * channel network records the closure, and its successors are looked for from then on.
     */
    channelClosed: z.boolean().optional(),
  })
  .strict();

export const referralOutcomesBody = z.object({ items: z.array(outcomeItemSchema).min(1).max(1000) }).strict();

export const referralOutcomesParams = z.object({ id: z.string().min(1).max(200) });

/** The referred items' outcomes after the call. */
export const referralOutcomesResponse = z.object({
  batchId: z.string(),
  outcomes: z.array(
    z.object({
      decisionId: z.string(),
      itemLink: z.string(),
      batchId: z.string(),
      referredAt: z.string(),
      status: z.enum(REFERRAL_STATUSES),
      observedAt: z.string().optional(),
      source: z.enum(['callback', 'recheck']).optional(),
      timeToRemovalMs: z.number().optional(),
    }),
  ),
});

/**
 * Whether the caller may report on a batch of this platform: the same scope as reading it
 * (`partnerScope` of the GET routes), so who may see a batch and who may answer for it cannot drift.
 */
export function mayReportOn(request: FastifyRequest, platform: string): boolean {
  const scope: string | readonly string[] | undefined = partnerScope(request);
  return scope === undefined || [scope].flat().includes(platform);
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `no referral batch "${id}"`, pointer: '/params/id' });
}

/** The decision id of each reported item, in order; an item the batch does not hold is a 400. */
function resolveItems(batch: ReferralBatch, items: readonly { itemKey: string; at?: string }[], now: number): string[] {
  const byKey = new Map<string, string>();
  for (const row of batch.items) {
    byKey.set(row.decisionId, row.decisionId);
    byKey.set(row.itemLink, row.decisionId);
  }
  return items.map((item, index) => {
    const decisionId = byKey.get(item.itemKey);
    if (decisionId === undefined) {
      throw new AppError('INPUT_INVALID', {
        detail: `not an item of referral ${batch.batchId}`,
        pointer: `/body/items/${index}/itemKey`,
      });
    }
    if (item.at !== undefined && Date.parse(item.at) > now + MAX_SKEW_MS) {
      throw new AppError('INPUT_INVALID', { detail: 'in the future', pointer: `/body/items/${index}/at` });
    }
    return decisionId;
  });
}

export function registerReferralOutcomeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = ctx.store;
  app.post('/api/referrals/:id/outcomes', async (request, reply) => {
    const { id } = parseInput(referralOutcomesParams, request.params, '/params');
    const batch = await store.getReferralBatch(id);
    // Another platform's batch is a 404, as on GET: a partner learns nothing of it.
    if (batch === undefined || !mayReportOn(request, batch.platform)) throw notFound(id);
    const { items } = parseInput(referralOutcomesBody, request.body, '/body');
    const now = new Date();
    const decisionIds = resolveItems(batch, items, now.getTime());
    const actor = requirePrincipal(request).actor;
    const changed = new Map<string, ReferralOutcome>();
    for (const [index, item] of items.entries()) {
      const decisionId = decisionIds[index] as string;
      const current = changed.get(decisionId) ?? (await store.getReferralOutcome(decisionId));
      if (current === undefined) continue;
      const observedAt = new Date(item.at ?? now).toISOString();
      if (item.channelClosed === true && item.status === 'removed') {
        const row = batch.items.find((r) => r.decisionId === decisionId);
        if (row !== undefined) {
          await ctx.network.close({
            platform: batch.platform,
            chat: row.chatId,
            at: observedAt,
            source: 'outcome',
            by: actor,
            note: `${batch.platform} reported the channel closed (referral ${batch.batchId})`,
          });
        }
      }
      const next = applyOutcome(current, { status: item.status, observedAt, source: 'callback' });
      changed.set(decisionId, next);
      if (next === current) continue;
      await store.setReferralOutcome(next);
      await appendAudit(store, {
        actor,
        action: 'referral.outcome',
        target: decisionId,
        reason: item.note ?? `${batch.platform} reported ${item.status}`,
        details: {
          batchId: batch.batchId,
          platform: batch.platform,
          from: current.status,
          to: next.status,
          observedAt,
          timeToRemovalMs: next.timeToRemovalMs ?? null,
        },
      });
    }
    reply.type(JSON_MEDIA_TYPE);
    return { batchId: batch.batchId, outcomes: await store.listReferralOutcomes({ batchId: batch.batchId }) };
  });
}
