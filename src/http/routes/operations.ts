import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AppContext, encodeWorkItem, workItemId } from '../../app/index.js';
import { AppError, itemSchema } from '../../core/index.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { parseInput } from './case-command.js';

/**
 * What operators and other systems need besides the resources: `/metrics` for Prometheus,
 * `/ready` for a load balancer or an orchestrator (fails while the database or the bus does not
 * answer, so traffic and restarts follow), and `POST /api/items`, the ingest: items to the work
 * queue for the workers.
 */

/** Items per ingest request; larger feeds use `rasd import` or several requests. */
const MAX_INGEST_ITEMS = 1000;
const ingestBody = z.object({ items: z.array(z.unknown()).min(1).max(MAX_INGEST_ITEMS) }).strict();

async function check(name: string, probe: () => Promise<unknown>): Promise<string> {
  try {
    await probe();
    return 'ok';
  } catch (error) {
    return `${name} unreachable: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** `/metrics` and `/ready`: the same on the API server and on a worker's probe port. */
export function registerProbeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/metrics', async (_request, reply) => {
    reply.type(ctx.metrics.contentType);
    return ctx.metrics.text();
  });

  app.get('/ready', async (_request, reply) => {
    const [db, bus] = await Promise.all([
      check('database', () => ctx.store.listChannels(1)),
      check('bus', async () => {
        const health = await ctx.bus.health();
        if (!health.ok) throw new Error(health.detail ?? 'not healthy');
      }),
    ]);
    const ready = db === 'ok' && bus === 'ok';
    reply.code(ready ? 200 : 503).type(JSON_MEDIA_TYPE);
    return { status: ready ? 'ready' : 'not ready', db, bus };
  });
}

export function registerOperationRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerProbeRoutes(app, ctx);
  app.post('/api/items', async (request, reply) => {
    const { items } = parseInput(ingestBody, request.body, '/body');
    const messages: { id: string; payload: string }[] = [];
    const errors: { index: number; pointer: string; detail: string }[] = [];
    const publishedAt = Date.now();
    items.forEach((raw, index) => {
      const parsed = itemSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        errors.push({
          index,
          pointer: `/body/items/${index}/${issue?.path.join('/') ?? ''}`,
          detail: issue?.message ?? 'invalid item',
        });
        return;
      }
      // Media paths name files on the sender's machine: over HTTP only the item's own facts count.
      messages.push({ id: workItemId(parsed.data), payload: encodeWorkItem({ item: parsed.data, publishedAt }) });
    });
    if (messages.length === 0) {
      throw new AppError('INPUT_INVALID', {
        detail: 'no valid item in the request',
        pointer: errors[0]?.pointer ?? '/body',
      });
    }
    const result = await ctx.bus.publish(messages);
    ctx.metrics.itemsIn.inc(result.published);
    reply.code(202).type(JSON_MEDIA_TYPE);
    return { accepted: result.published, duplicates: result.duplicates, rejected: errors.length, errors };
  });
}
