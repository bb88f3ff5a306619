import { applyOutcome, outcomeFromRecheck, type ReferralOutcome } from '../../actions/referral-outcome.js';
import type { Action, ReferralBatch, ReferralRow } from '../../core/index.js';
import type { AuditStore, Store } from '../../storage/ports.js';
import { noteDeletion } from './removals.js';

/**
 * The outcome re-check of Telegram referrals: each open referral's link is looked up through the
 * monitor's session; a message that is gone was removed by the platform (its time-to-removal is
 * recorded on the outcome, and the deletion is recorded as the platform's), one still there stays
 * pending, and a lookup that failed is `unknown` (never undoing a removal seen before). A message
 * Rasd's own bot deleted (the same remove decision asks for both) is not looked up and never
 * counts as the platform's: it stays pending, noted `ours`. Bounded: at most `limit` referrals
 * per run, least recently observed first, so every open referral gets its turn and a backlog
 * never turns one run into hours of lookups.
 */

export type RecheckStore = Pick<
  Store,
  | 'listReferralOutcomes'
  | 'setReferralOutcome'
  | 'getReferralBatch'
  | 'recordDeletion'
  | 'getDeletion'
  | 'listItemVersions'
  | 'listItemActions'
> &
  AuditStore;

/** The monitor's `checkReachable`: gone, still there, or could not tell. */
export type ReachabilityProbe = (link: string) => Promise<'gone' | 'present' | 'error'>;

export interface RecheckSummary {
  checked: number;
  removed: number;
  pending: number;
  unknown: number;
  /** Not looked up: Rasd's own delete of the message went out (or its deletion is recorded as Rasd's). */
  ours: number;
  /** Over every Telegram referral seen removed so far; absent until one is. */
  medianTimeToRemovalMs?: number;
}

const OPEN = new Set<ReferralOutcome['status']>(['pending', 'unknown']);
const DELETE_WENT_OUT = new Set<Action['status']>(['sent', 'confirmed']);
const DEFAULT_LIMIT = 200;

export async function recheckReferrals(
  store: RecheckStore,
  probe: ReachabilityProbe,
  options: { limit?: number; now?: () => Date } = {},
): Promise<RecheckSummary> {
  const now = options.now ?? (() => new Date());
  const all = await store.listReferralOutcomes({ platform: 'telegram' });
  const lastSeen = (o: ReferralOutcome) => o.observedAt ?? o.referredAt;
  const due = all
    .filter((o) => OPEN.has(o.status))
    .sort((a, b) => lastSeen(a).localeCompare(lastSeen(b)) || a.decisionId.localeCompare(b.decisionId))
    .slice(0, options.limit ?? DEFAULT_LIMIT);
  const summary: RecheckSummary = { checked: 0, removed: 0, pending: 0, unknown: 0, ours: 0 };
  const batches = new Map<string, ReferralBatch | undefined>();
  for (const outcome of due) {
    const row = await rowOf(store, batches, outcome);
    const ours = row !== undefined && (await deletedByRasd(store, row));
    const result = ours ? 'present' : await probe(outcome.itemLink).catch(() => 'error' as const);
    const checkedAt = now().toISOString();
    summary.checked++;
    const found = outcomeFromRecheck(result, checkedAt);
    // Still there (or ours) is recorded too, so the next run starts with the referrals seen longest ago.
    const update =
      found.status === 'pending'
        ? { status: 'pending' as const, observedAt: checkedAt, source: 'recheck' as const }
        : found;
    const next = applyOutcome(outcome, update);
    await store.setReferralOutcome(next);
    Object.assign(outcome, next);
    if (ours) summary.ours++;
    else if (next.status === 'removed') {
      summary.removed++;
      if (row !== undefined) await recordGone(store, row, checkedAt);
    } else if (next.status === 'pending') summary.pending++;
    else summary.unknown++;
  }
  const times = all.flatMap((o) => (o.timeToRemovalMs === undefined ? [] : [o.timeToRemovalMs]));
  const median = medianOf(times);
  return { ...summary, ...(median !== undefined && { medianTimeToRemovalMs: median }) };
}

/** The referral's batch row names the chat and message by id (a link may carry only a username). */
async function rowOf(
  store: RecheckStore,
  batches: Map<string, ReferralBatch | undefined>,
  outcome: ReferralOutcome,
): Promise<ReferralRow | undefined> {
  if (!batches.has(outcome.batchId)) batches.set(outcome.batchId, await store.getReferralBatch(outcome.batchId));
  return batches.get(outcome.batchId)?.items.find((r) => r.decisionId === outcome.decisionId);
}

/** Rasd's own delete went out for a version of the message, or its deletion is recorded as Rasd's. */
async function deletedByRasd(store: RecheckStore, row: ReferralRow): Promise<boolean> {
  const deletion = await store.getDeletion('telegram', row.chatId, row.messageId);
  if (deletion?.removedBy === 'rasd') return true;
  for (const version of await store.listItemVersions('telegram', row.chatId, row.messageId)) {
    const actions = await store.listItemActions(version.key);
    if (actions.some((a) => a.kind === 'delete' && DELETE_WENT_OUT.has(a.status))) return true;
  }
  return false;
}

async function recordGone(store: RecheckStore, row: ReferralRow, checkedAt: string): Promise<void> {
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
