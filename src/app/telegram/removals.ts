import { itemLink } from '../../actions/referral-batch.js';
import { applyOutcome, type ReferralOutcome } from '../../actions/referral-outcome.js';
import type { Action, MessageDeletion, Remover } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import type { AuditStore, Store } from '../../storage/ports.js';

/**
 * Who removed a message Rasd saw disappear. Telegram only says "gone", so the answer is worked
 * out from what Rasd itself did: our own delete action went out for it → `rasd`; it was referred
 * to the platform and the referral is still open → `platform` (and the referral's time-to-removal
 * is recorded); otherwise its `author` took it down. "Removed by author" before any action is
 * the post-and-delete tactic, so the record is evidence, not housekeeping.
 *
 * A deletion of a message Rasd never stored is recorded too (removed by author): in a watched
 * chat it is still a fact about the chat (how much is posted and pulled before anyone sees it),
 * it costs one row of ids and a time, and it is what lets a later back-fill or export tell "never
 * posted" from "posted and deleted". It is audited like the others, marked `known: false`.
 */

export const SYSTEM_ACTOR = 'system:telegram';

export type RemovalStore = Pick<
  Store,
  | 'listItemVersions'
  | 'listItemActions'
  | 'recordAttempt'
  | 'getItem'
  | 'listReferralOutcomes'
  | 'setReferralOutcome'
  | 'recordDeletion'
  | 'getDeletion'
  | 'getChannel'
> &
  AuditStore;

export interface ObservedDeletion {
  chatId: string;
  messageIds: readonly string[];
  observedAt: string;
  source: MessageDeletion['source'];
}

export interface RemovalRecord {
  messageId: string;
  removedBy: Remover;
  /** Rasd had stored a version of the message. */
  known: boolean;
  /** False when this deletion had been recorded before (redelivered update). */
  recorded: boolean;
}

/** Our own delete of a message counts once it went out: sent, or confirmed by the platform. */
const DELETE_WENT_OUT = new Set<Action['status']>(['sent', 'confirmed']);
/** A referral the platform has not answered yet: a removal now is its answer. */
const REFERRAL_OPEN = new Set<ReferralOutcome['status']>(['pending', 'unknown']);

/** Records the deletions of one event, one message at a time; returns what each was attributed to. */
export async function recordRemovals(store: RemovalStore, deletion: ObservedDeletion): Promise<RemovalRecord[]> {
  const records: RemovalRecord[] = [];
  let outcomes: ReferralOutcome[] | undefined;
  const openReferrals = async () => {
    outcomes ??= (await store.listReferralOutcomes({ platform: 'telegram' })).filter((o) =>
      REFERRAL_OPEN.has(o.status),
    );
    return outcomes;
  };
  for (const messageId of deletion.messageIds) {
    records.push(await recordOne(store, deletion, messageId, openReferrals));
  }
  return records;
}

/**
 * Attribution is read first and its writes (the referral's outcome, our delete's confirmation)
 * come after the deletion is recorded, and are made again when a retry finds the deletion
 * recorded with the same attribution: a crash in between never credits the author on the retry.
 */
async function recordOne(
  store: RemovalStore,
  deletion: ObservedDeletion,
  messageId: string,
  openReferrals: () => Promise<ReferralOutcome[]>,
): Promise<RemovalRecord> {
  const plan = await attribute(store, deletion, messageId, openReferrals);
  const earlier = await store.getDeletion('telegram', deletion.chatId, messageId);
  const removedBy = earlier?.removedBy ?? plan.by;
  const recorded =
    earlier === undefined &&
    (await noteDeletion(
      store,
      {
        platform: 'telegram',
        chatId: deletion.chatId,
        messageId,
        deletedAt: deletion.observedAt,
        source: deletion.source,
        removedBy,
      },
      plan.known,
    ));
  if (removedBy === plan.by) await plan.settle?.();
  return { messageId, removedBy, known: plan.known, recorded };
}

/** Records one deletion (once) and audits it; false when it had been recorded already. */
export async function noteDeletion(
  store: Pick<Store, 'recordDeletion'> & AuditStore,
  deletion: MessageDeletion,
  known: boolean,
): Promise<boolean> {
  const recorded = await store.recordDeletion(deletion);
  if (!recorded) return false;
  await appendAudit(store, {
    actor: SYSTEM_ACTOR,
    action: 'message.deleted',
    target: `${deletion.platform}/${deletion.chatId}/${deletion.messageId}`,
    reason: `removed by ${deletion.removedBy === 'rasd' ? 'Rasd' : deletion.removedBy}, seen ${deletion.deletedAt}`,
    details: {
      chat: deletion.chatId,
      message: deletion.messageId,
      removedBy: deletion.removedBy,
      source: deletion.source,
      known,
    },
  });
  return true;
}

interface Attribution {
  by: Remover;
  known: boolean;
  /** The writes that go with this attribution, made once the deletion is recorded. */
  settle?: () => Promise<void>;
}

async function attribute(
  store: RemovalStore,
  deletion: ObservedDeletion,
  messageId: string,
  openReferrals: () => Promise<ReferralOutcome[]>,
): Promise<Attribution> {
  const versions = await store.listItemVersions('telegram', deletion.chatId, messageId);
  if (versions.length === 0) return { by: 'author', known: false };
  for (const version of versions) {
    const ours = (await store.listItemActions(version.key)).find(
      (a) => a.kind === 'delete' && DELETE_WENT_OUT.has(a.status),
    );
    if (ours === undefined) continue;
    const settle = async () => {
      if (ours.status === 'sent') await confirmDelete(store, ours, deletion.observedAt);
    };
    return { by: 'rasd', known: true, settle };
  }
  const links = await linksOf(store, versions[0]!.key, deletion.chatId, messageId);
  const referral = (await openReferrals()).find((o) => links.has(o.itemLink));
  if (referral === undefined) return { by: 'author', known: true };
  const settle = async () => {
    const next = applyOutcome(referral, { status: 'removed', observedAt: deletion.observedAt, source: 'recheck' });
    await store.setReferralOutcome(next);
    Object.assign(referral, next);
  };
  return { by: 'platform', known: true, settle };
}

/** A sent delete that the platform never confirmed is confirmed by the message going away. */
async function confirmDelete(store: RemovalStore, action: Action, observedAt: string): Promise<void> {
  await store.recordAttempt(action.id, {
    status: 'confirmed',
    attempts: action.attempts,
    lastAttemptAt: action.lastAttemptAt ?? observedAt,
    confirmedAt: observedAt,
    outcome: action.outcome ?? 'the message was seen deleted',
  });
}

/**
 * The links a referral of this message may carry: by the item's handle or else the chat's last
 * known one (which is what a referral uses, `actions/referral-queue.ts`), and the
 * `t.me/c/<id>/<msg>` form, since a chat renamed since the referral no longer matches by name.
 */
async function linksOf(store: RemovalStore, key: string, chatId: string, messageId: string): Promise<Set<string>> {
  const item = await store.getItem(key);
  const type = item?.chat.type;
  const links = new Set([
    itemLink('telegram', { id: chatId }, messageId),
    itemLink('telegram', { id: chatId, ...(type !== undefined && { type }) }, messageId),
  ]);
  const handles = [item?.chat.username, (await store.getChannel('telegram', chatId))?.username];
  for (const username of handles) {
    if (username !== undefined) links.add(itemLink('telegram', { id: chatId, username }, messageId));
  }
  return links;
}
