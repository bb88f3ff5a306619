import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dsaPolicyFromSettings, dsaStatementForCase } from '../../actions/index.js';
import type { AppContext } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { parseInput } from './case-command.js';

/**
 * `GET /api/cases/:id/statement`: the EU DSA statement of reasons for a case decided `remove`,
 * validated, as the Transparency Database's `POST /api/v1/statement` takes it. The legal side
 * comes from the `dsa.*` settings, read per request so a settings error is reported, not cached.
 */

export const statementParams = z.object({ id: z.string().min(1).max(200).describe('The case id') });

export function registerDsaRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/cases/:id/statement', async (request, reply) => {
    const { id } = parseInput(statementParams, request.params, '/params');
    const statement = await dsaStatementForCase(ctx.store, id, dsaPolicyFromSettings(ctx.config.dsa));
    if (statement === undefined) {
      throw new AppError('NOT_FOUND', { detail: `case "${id}" has no remove decision`, pointer: '/params/id' });
    }
    reply.type(JSON_MEDIA_TYPE);
    return statement;
  });
}
