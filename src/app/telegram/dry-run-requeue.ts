import { appendAudit } from '../../review/audit-log.js';
import type { AuditStore, Store } from '../../storage/ports.js';

/**
 * Dry-run actions back to requested: what a bot in dry-run recorded it would do is carried out
 * once the bot runs for real. Without this a dry-run action would stand for good, since an item
 * version has one action of a kind and a later decision asks for it in vain. Each one is audited.
 */

const DEFAULT_LIMIT = 1000;

export async function requeueDryRunActions(
  store: Pick<Store, 'requeueDryRun'> & AuditStore,
  options: { actor: string; since?: string; limit?: number; reason?: string },
): Promise<string[]> {
  const ids = await store.requeueDryRun({
    limit: options.limit ?? DEFAULT_LIMIT,
    ...(options.since !== undefined && { since: options.since }),
  });
  for (const id of ids) {
    await appendAudit(store, {
      actor: options.actor,
      action: 'action.requeue',
      target: id,
      reason: options.reason ?? 'dry-run action requested again, to be carried out',
      details: { from: 'dry-run', ...(options.since !== undefined && { since: options.since }) },
    });
  }
  return ids;
}
