import type { FastifyInstance } from 'fastify';
import { summariseOutcomes } from '../../actions/referral-outcome.js';
import type { AppContext } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';

/**
 * Referral batches over HTTP. Staff see every batch; a partner sees only the batches of the
 * platforms its user or API key names (`partner`, set by `rasd user add … --partner P`). A
 * partner naming none sees nothing, and a batch of another platform answers 404 to a partner,
 * as if it did not exist.
 */

/** The platforms a partner may see, or undefined for staff (everything). */
export function partnerScope(request: Parameters<typeof requirePrincipal>[0]): readonly string[] | undefined {
  const principal = requirePrincipal(request);
  if (principal.role !== 'partner') return undefined;
  return principal.partner ?? [];
}

export function registerReferralRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/referrals', async (request, reply) => {
    const scope = partnerScope(request);
    // One query per platform in scope: a partner names a handful at most.
    const queries = scope === undefined ? [{}] : scope.map((platform) => ({ platform }));
    const [rows, outcomes] = await Promise.all([
      Promise.all(queries.map((q) => ctx.store.listReferralBatches(q))),
      Promise.all(queries.map((q) => ctx.store.listReferralOutcomes(q))),
    ]);
    reply.type(JSON_MEDIA_TYPE);
    // Newest window first, then platform, as the store orders a single query.
    const merged = rows
      .flat()
      .sort((a, b) => b.windowStart.localeCompare(a.windowStart) || a.platform.localeCompare(b.platform));
    return { rows: merged, summary: summariseOutcomes(outcomes.flat()) };
  });

  app.get<{ Params: { id: string } }>('/api/referrals/:id', async (request, reply) => {
    const scope = partnerScope(request);
    const batch = await ctx.store.getReferralBatch(request.params.id);
    if (batch === undefined || (scope !== undefined && !scope.includes(batch.platform))) {
      throw new AppError('NOT_FOUND', { detail: `no referral batch "${request.params.id}"`, pointer: '/params/id' });
    }
    const outcomes = await ctx.store.listReferralOutcomes({ batchId: batch.batchId });
    reply.type(JSON_MEDIA_TYPE);
    return { ...batch, outcomes };
  });
}
