import { VERSION } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { defineRoute } from '../route.js';
import { healthSchema } from '../schemas/index.js';

/** `GET /health`: open even when a token is set, so probes need no secret. */
export const healthRoute = defineRoute({
  method: 'GET',
  url: '/health',
  summary: 'Liveness and database check',
  description: 'Answers 503 problem JSON when the database does not answer a one-row query.',
  tags: ['system'],
  public: true,
  response: healthSchema,
  handle: async ({ ctx }) => {
    try {
      await ctx.store.listChannels(1);
    } catch (cause) {
      throw new AppError('STORAGE_FAILED', { detail: 'the database did not answer the health check', cause });
    }
    return { status: 'ok', version: VERSION, db: 'ok' } as const;
  },
});
