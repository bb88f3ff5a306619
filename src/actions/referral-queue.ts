import type { Decision } from '../core/index.js';
import type { AssessmentStore, ChannelStore, ItemStore, OutboxStore, ReferralStore } from '../storage/ports.js';
import { referralBatchMessage } from './outbox.js';
import { buildReferralBatches, type ReferralBatch, type RemovalDecision } from './referral-batch.js';
import {
  applyOutcome,
  type OutcomeSummary,
  type OutcomeUpdate,
  outcomesForBatch,
  type ReferralOutcome,
  summariseOutcomes,
} from './referral-outcome.js';

/**
 * The referral pipeline over the store: a `remove` decision is queued for its platform, `build`
 * turns the queue into batches once their window has closed, and outcomes are recorded against
 * the saved batch. Batches are built here and only kept by the store.
 */

export type QueueStore = Pick<ItemStore, 'getItem'> &
  Pick<ChannelStore, 'getChannel'> &
  Pick<AssessmentStore, 'getAssessment'> &
  Pick<ReferralStore, 'queueReferral'>;

/**
 * Queues a removal for the next batch of its platform. Only hashes and links leave: the item's
 * media sha256s are its evidence; text is never referred. Other outcomes queue nothing.
 */
export async function queueRemoval(
  store: QueueStore,
  input: { itemKey: string; decision: Decision; now: Date },
): Promise<RemovalDecision | undefined> {
  const { decision } = input;
  if (decision.outcome !== 'remove') return undefined;
  const item = await store.getItem(input.itemKey);
  if (item === undefined) return undefined;
  const assessment = await store.getAssessment(input.itemKey);
  const sha256 = item.media.flatMap((m) => (m.sha256 === undefined ? [] : [m.sha256]));
  const organisation = assessment?.orgs[0];
  // Exports and the live monitor leave the handle off items (it changes; the id does not), so the
  // chat's last known handle makes the link public (`t.me/name/5`) rather than members-only.
  const username = item.chat.username ?? (await store.getChannel(item.platform, item.chat.id))?.username;
  const referral: RemovalDecision = {
    // A case is decided once per appeal round, so case and time name the decision.
    decisionId: `${decision.caseId}@${decision.decidedAt}`,
    decidedAt: decision.decidedAt,
    platform: item.platform,
    chat: {
      id: item.chat.id,
      ...(username !== undefined && { username }),
      ...(item.chat.type !== undefined && { type: item.chat.type }),
    },
    messageId: item.messageId,
    category: decision.category ?? assessment?.categories[0] ?? 'unspecified',
    ...(organisation !== undefined && { organisation }),
    evidence: { sha256 },
  };
  await store.queueReferral(referral, input.now.toISOString());
  return referral;
}

export type BuildStore = Pick<ReferralStore, 'listQueuedReferrals' | 'saveReferralBatch'> &
  Pick<OutboxStore, 'enqueueOutbox'>;

/**
 * Builds and saves the batches whose window has closed by `now`; decisions of a window still
 * open stay queued, so a batch is never sent half-full and then again with more. Each batch is
 * put in the outbox for its platform (`rasd outbox run` delivers it where a target is set).
 */
export async function buildDueBatches(
  store: BuildStore,
  options: { intervalMs: number; now: Date },
): Promise<ReferralBatch[]> {
  const queued = await store.listQueuedReferrals();
  const nowMs = options.now.getTime();
  const batches = buildReferralBatches(queued, { intervalMs: options.intervalMs, now: () => nowMs }).filter(
    (b) => Date.parse(b.windowEnd) <= nowMs,
  );
  for (const batch of batches) {
    // Outbox first: a crash between the two leaves the batch queued, and the rebuild has the same id,
    // so the delivery is neither lost nor doubled; the other order could save a batch never sent.
    await store.enqueueOutbox(referralBatchMessage(batch, options.now));
    await store.saveReferralBatch(batch, outcomesForBatch(batch));
  }
  return batches;
}

/** Records an observation of a referred item; undefined when the decision was never referred. */
export async function recordOutcome(
  store: Pick<ReferralStore, 'getReferralOutcome' | 'setReferralOutcome'>,
  decisionId: string,
  update: OutcomeUpdate,
): Promise<ReferralOutcome | undefined> {
  const current = await store.getReferralOutcome(decisionId);
  if (current === undefined) return undefined;
  const next = applyOutcome(current, update);
  await store.setReferralOutcome(next);
  return next;
}

export async function referralSummary(
  store: Pick<ReferralStore, 'listReferralOutcomes'>,
  query: { batchId?: string; platform?: string },
): Promise<OutcomeSummary> {
  return summariseOutcomes(await store.listReferralOutcomes(query));
}
