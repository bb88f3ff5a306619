import { z } from 'zod';
import { AppError, newId } from '../core/index.js';
import type { AuditStore, ItemStore, RemovalOrderRecord, RemovalOrderStore } from '../storage/ports.js';
import { appendAudit } from './audit-log.js';

/**
 * Recording an EU TCO removal order, from the API (`POST /api/removal-orders`) or the CLI
 * (`rasd removal-order add`): one check of what an order must name, one audit entry per order.
 */

/** How far ahead of our clock a stated receipt may be (the recorder's clock skew). */
const MAX_SKEW_MS = 5 * 60_000;

const text = (max: number) => z.string().trim().min(1).max(max);

export const removalOrderInput = z
  .object({
    authority: text(300).describe('The issuing competent authority'),
    reference: text(200).describe('The authority’s reference for the order'),
    /** Defaults to the time of recording; the one-hour clock starts here. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    itemLinks: z
      .array(z.url({ protocol: /^https?$/ }).max(2000))
      .max(100)
      .default([]),
    itemKey: z.string().min(1).max(2048).optional(),
  })
  .strict();

export type RemovalOrderInput = z.input<typeof removalOrderInput>;

type Deps = Pick<RemovalOrderStore, 'saveRemovalOrder'> & Pick<ItemStore, 'getItem'> & AuditStore;

/**
 * Stores the order (`created: false` when the authority's reference was recorded before, in
 * which case nothing is written or audited) and appends `removal-order.received`.
 */
export async function recordRemovalOrder(
  store: Deps,
  input: z.output<typeof removalOrderInput>,
  actor: string,
  options: { now?: Date; where?: string } = {},
): Promise<{ created: boolean; order: RemovalOrderRecord }> {
  const now = options.now ?? new Date();
  // Error pointers name where the input came from: `/body` over HTTP, nothing from the CLI.
  const where = options.where ?? '';
  if (input.itemLinks.length === 0 && input.itemKey === undefined) {
    throw new AppError('INPUT_INVALID', {
      detail: 'an order names at least one item link or an item key',
      pointer: `${where}/itemLinks`,
    });
  }
  const receivedAt = new Date(input.receivedAt ?? now).toISOString();
  if (Date.parse(receivedAt) > now.getTime() + MAX_SKEW_MS) {
    throw new AppError('INPUT_INVALID', { detail: 'receivedAt is in the future', pointer: `${where}/receivedAt` });
  }
  if (input.itemKey !== undefined && (await store.getItem(input.itemKey)) === undefined) {
    throw new AppError('INPUT_INVALID', { detail: `no item "${input.itemKey}"`, pointer: `${where}/itemKey` });
  }
  const result = await store.saveRemovalOrder({
    orderId: newId('tco'),
    authority: input.authority,
    reference: input.reference,
    receivedAt,
    itemLinks: input.itemLinks,
    ...(input.itemKey !== undefined && { itemKey: input.itemKey }),
    recordedBy: actor,
    recordedAt: now.toISOString(),
  });
  if (!result.created) return result;
  await appendAudit(
    store,
    {
      actor,
      action: 'removal-order.received',
      target: result.order.orderId,
      reason: `removal order ${input.reference} from ${input.authority}`,
      details: {
        authority: input.authority,
        reference: input.reference,
        receivedAt,
        itemLinks: input.itemLinks.join(' '),
        itemKey: input.itemKey ?? null,
      },
    },
    () => now,
  );
  return result;
}
