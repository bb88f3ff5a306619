import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type RemovalOrderClock, removalOrderClock } from '../../actions/index.js';
import type { AppContext } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import { recordRemovalOrder, removalOrderInput } from '../../review/removal-order-intake.js';
import type { RemovalOrderRecord, RemovalOrderStatus } from '../../storage/ports.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { parseInput } from './case-command.js';

/**
 * EU TCO removal orders over HTTP: record one as it arrives, list them with their one-hour clock
 * (`actions/removal-order.ts`) measured at the moment of the call, and mark one done. Intake and
 * completion are audited. The dashboard ticks the clock itself from `deadline`.
 */

/** The port's statuses; http/ reads port types only, so the list is restated and checked against them. */
const STATUSES = ['open', 'completed', 'contested'] as const satisfies readonly RemovalOrderStatus[];
type Missing = Exclude<RemovalOrderStatus, (typeof STATUSES)[number]>;
const everyStatus: Missing extends never ? true : never = true;
void everyStatus;

export const removalOrderParams = z.object({ id: z.string().min(1).max(200).describe('The removal order id') });
export const removalOrderListQuery = z
  .object({
    status: z.enum(STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const removalOrderCompleteBody = z
  .object({
    /** When the content was removed or disabled; the time of the call when absent. */
    completedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const removalOrderView = z.object({
  orderId: z.string(),
  authority: z.string(),
  reference: z.string(),
  receivedAt: z.string(),
  itemLinks: z.array(z.string()),
  itemKey: z.string().optional(),
  status: z.enum(STATUSES),
  completedAt: z.string().optional(),
  completedBy: z.string().optional(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  clock: z.object({
    deadline: z.string(),
    remainingMs: z.number(),
    overdue: z.boolean(),
    metDeadline: z.boolean().optional(),
  }),
});

/** How far ahead of our clock a stated completion may be. */
const MAX_SKEW_MS = 5 * 60_000;

function withClock(order: RemovalOrderRecord, now: number): RemovalOrderRecord & { clock: RemovalOrderClock } {
  return { ...order, clock: removalOrderClock(order, now) };
}

export function registerRemovalOrderRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = ctx.store;

  app.get('/api/removal-orders', async (request, reply) => {
    const query = parseInput(removalOrderListQuery, request.query, '/query');
    const now = Date.now();
    const rows = await store.listRemovalOrders(query);
    reply.type(JSON_MEDIA_TYPE);
    // `now` lets a client whose clock is off tick from the server's time instead.
    return { now: new Date(now).toISOString(), rows: rows.map((order) => withClock(order, now)) };
  });

  app.post('/api/removal-orders', async (request, reply) => {
    const input = parseInput(removalOrderInput, request.body, '/body');
    const actor = requirePrincipal(request).actor;
    const { created, order } = await recordRemovalOrder(store, input, actor, { where: '/body' });
    if (!created) {
      throw new AppError('CONFLICT', {
        detail: `${order.authority}'s order ${order.reference} is recorded already as ${order.orderId}`,
        pointer: '/body/reference',
      });
    }
    reply.type(JSON_MEDIA_TYPE);
    return withClock(order, Date.now());
  });

  app.post('/api/removal-orders/:id/complete', async (request, reply) => {
    const { id } = parseInput(removalOrderParams, request.params, '/params');
    const { completedAt: stated } = parseInput(removalOrderCompleteBody, request.body, '/body');
    const existing = await store.getRemovalOrder(id);
    if (existing === undefined) {
      throw new AppError('NOT_FOUND', { detail: `no removal order "${id}"`, pointer: '/params/id' });
    }
    const now = Date.now();
    const completedAt = new Date(stated ?? now).toISOString();
    if (Date.parse(completedAt) > now + MAX_SKEW_MS) {
      throw new AppError('INPUT_INVALID', { detail: 'completedAt is in the future', pointer: '/body/completedAt' });
    }
    if (completedAt < existing.receivedAt) {
      throw new AppError('INPUT_INVALID', {
        detail: 'completedAt is before the order was received',
        pointer: '/body/completedAt',
      });
    }
    const actor = requirePrincipal(request).actor;
    const result = await store.completeRemovalOrder(id, { completedAt, completedBy: actor });
    if (result === undefined || !result.changed) {
      throw new AppError('CONFLICT', { detail: `removal order "${id}" is completed already` });
    }
    const view = withClock(result.order, now);
    await appendAudit(store, {
      actor,
      action: 'removal-order.completed',
      target: id,
      reason: `removal order ${existing.reference} from ${existing.authority} completed`,
      details: {
        receivedAt: existing.receivedAt,
        completedAt,
        deadline: view.clock.deadline,
        metDeadline: view.clock.metDeadline ?? null,
      },
    });
    reply.type(JSON_MEDIA_TYPE);
    return view;
  });
}
