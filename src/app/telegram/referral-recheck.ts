import { applyOutcome, outcomeFromRecheck, type ReferralOutcome } from '../../actions/referral-outcome.js';
import type { ReferralBatch } from '../../core/index.js';
import type { AuditStore, Store } from '../../storage/ports.js';
import { noteDeletion } from './removals.js';

/**
 * The outcome re-check of Telegram referrals: each open referral's link is looked up through the
 * monitor's session; a message that is gone was removed by the platform (its time-to-removal is
 * recorded on the outcome, and the deletion is recorded as the platform's), one still there stays
 * pending, and a lookup that failed is `unknown` (never undoing a removal seen before). Bounded:
 * at most `limit` referrals per run, oldest referral first, so a timer can run it without
 * a backlog turning one run into hours of lookups.
 */

export type RecheckStore = Pick<
  Store,
  'listReferralOutcomes' | 'setReferralOutcome' | 'getReferralBatch' | 'recordDeletion'
> &
  AuditStore;

/** The monitor's `checkReachable`: gone, still there, or could not tell. */
export type ReachabilityProbe = (link: string) => Promise<'gone' | 'present' | 'error'>;

export interface RecheckSummary {
  checked: number;
  removed: number;
  pending: number;
  unknown: number;
  /** Over every Telegram referral seen removed so far; absent until one is. */
  medianTimeToRemovalMs?: number;
}

const OPEN = new Set<ReferralOutcome['status']>(['pending', 'unknown']);
const DEFAULT_LIMIT = 200;

export async function recheckReferrals(
  store: RecheckStore,
  probe: ReachabilityProbe,
  options: { limit?: number; now?: () => Date } = {},
): Promise<RecheckSummary> {
  const now = options.now ?? (() => new Date());
  const all = await store.listReferralOutcomes({ platform: 'telegram' });
  const due = all
    .filter((o) => OPEN.has(o.status))
    .sort((a, b) => a.referredAt.localeCompare(b.referredAt) || a.decisionId.localeCompare(b.decisionId))
    .slice(0, options.limit ?? DEFAULT_LIMIT);
  const summary: RecheckSummary = { checked: 0, removed: 0, pending: 0, unknown: 0 };
  const batches = new Map<string, ReferralBatch | undefined>();
  for (const outcome of due) {
    const result = await probe(outcome.itemLink).catch(() => 'error' as const);
    const checkedAt = now().toISOString();
    summary.checked++;
    const update = outcomeFromRecheck(result, checkedAt);
    if (update.status === 'pending') {
      summary.pending++;
      continue;
    }
    const next = applyOutcome(outcome, update);
    await store.setReferralOutcome(next);
    Object.assign(outcome, next);
    if (next.status === 'removed') {
      summary.removed++;
      await recordGone(store, batches, next, checkedAt);
    } else summary.unknown++;
  }
  const times = all.flatMap((o) => (o.timeToRemovalMs === undefined ? [] : [o.timeToRemovalMs]));
  const median = medianOf(times);
  return { ...summary, ...(median !== undefined && { medianTimeToRemovalMs: median }) };
}

/** The referral's batch row names the chat and message by id (a link may carry only a username). */
async function recordGone(
  store: RecheckStore,
  batches: Map<string, ReferralBatch | undefined>,
  outcome: ReferralOutcome,
  checkedAt: string,
): Promise<void> {
  if (!batches.has(outcome.batchId)) batches.set(outcome.batchId, await store.getReferralBatch(outcome.batchId));
  const row = batches.get(outcome.batchId)?.items.find((r) => r.decisionId === outcome.decisionId);
  if (row === undefined) return;
  await noteDeletion(
    store,
    {
      platform: 'telegram',
      chatId: row.chatId,
      messageId: row.messageId,
      deletedAt: checkedAt,
      source: 'recheck',
      removedBy: 'platform',
    },
    true,
  );
}

function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
