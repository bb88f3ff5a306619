import type { FastifyInstance } from 'fastify';
import { summariseOutcomes } from '../../actions/referral-outcome.js';
import type { AppContext } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';

/**
 * Referral batches over HTTP. Staff see every batch; a partner sees only the batches addressed
 * to it. Users and keys carry no partner field, so a partner's scope is its name taken as a
 * platform: user `telegram` (actor `user:telegram`) sees the `telegram` batches. A batch of
 * another platform answers 404 to a partner, as if it did not exist.
 */

/** The platform a partner may see, or undefined for staff (everything). */
function partnerScope(request: Parameters<typeof requirePrincipal>[0]): string | undefined {
  const principal = requirePrincipal(request);
  if (principal.role !== 'partner') return undefined;
  return principal.actor.slice(principal.actor.indexOf(':') + 1);
}

export function registerReferralRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/referrals', async (request, reply) => {
    const platform = partnerScope(request);
    const query = platform === undefined ? {} : { platform };
    const [rows, outcomes] = await Promise.all([
      ctx.store.listReferralBatches(query),
      ctx.store.listReferralOutcomes(query),
    ]);
    reply.type(JSON_MEDIA_TYPE);
    return { rows, summary: summariseOutcomes(outcomes) };
  });

  app.get<{ Params: { id: string } }>('/api/referrals/:id', async (request, reply) => {
    const platform = partnerScope(request);
    const batch = await ctx.store.getReferralBatch(request.params.id);
    if (batch === undefined || (platform !== undefined && batch.platform !== platform)) {
      throw new AppError('NOT_FOUND', { detail: `no referral batch "${request.params.id}"`, pointer: '/params/id' });
    }
    const outcomes = await ctx.store.listReferralOutcomes({ batchId: batch.batchId });
    reply.type(JSON_MEDIA_TYPE);
    return { ...batch, outcomes };
  });
}
