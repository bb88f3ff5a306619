import { type Action, type Decision, newId } from '../../core/index.js';
import type { Store } from '../../storage/ports.js';

export type DecisionActionStore = Pick<Store, 'getItem' | 'getModeratedChat' | 'requestAction'>;

/**
 * A reviewer's `remove` of a Telegram message in a chat the bot moderates asks the bot to delete
 * it (the action runner carries it out, `telegram-actions.ts`). Policy holds actions back while a
 * case is under review, so this is how a decision becomes a takedown where Rasd can act itself;
 * elsewhere the referral to the platform (queued beside this) is the way. Returns the requested
 * action, or undefined when there is nothing to ask (another outcome, another platform, a chat
 * the bot is not in, or a delete already asked for this item version).
 */
export async function actOnDecision(
  store: DecisionActionStore,
  itemKey: string,
  decision: Decision,
  now: Date = new Date(),
): Promise<Action | undefined> {
  if (decision.outcome !== 'remove') return undefined;
  const item = await store.getItem(itemKey);
  if (item === undefined || item.platform !== 'telegram') return undefined;
  const chat = await store.getModeratedChat(item.chat.id);
  if (chat === undefined || chat.rights.status === 'left' || chat.rights.status === 'kicked') return undefined;
  const action: Action = {
    id: newId('act'),
    itemKey,
    kind: 'delete',
    target: 'telegram',
    status: 'requested',
    attempts: 0,
    requestedAt: now.toISOString(),
    reason: `decision:${decision.caseId}`,
  };
  return (await store.requestAction(action)) ? action : undefined;
}
