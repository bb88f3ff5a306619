import { access } from 'node:fs/promises';
import {
  ACTION_STATUSES,
  type ActionStatus,
  type ModeratedChat,
  REMOVERS,
  type Remover,
  type WatchEntry,
} from '../../core/index.js';
import type { AppContext } from '../context.js';

/** What `rasd telegram status` shows: states, ids and counts; no secret, no message text. */
export interface TelegramStatus {
  watches: WatchEntry[];
  moderated: ModeratedChat[];
  /** Deletions by who removed them, over the newest `COUNT_CAP`. */
  deletions: Record<Remover, number>;
  /** Actions addressed to Telegram by status (all of them, counted by the database). */
  actions: Record<ActionStatus, number>;
  /** Whether the sealed MTProto session file exists (it is not opened here). */
  session: 'saved' | 'missing';
}

/** Deletions are counted over rows read; past this many the counts are of the newest ones (status stays quick). */
export const COUNT_CAP = 50_000;

export async function telegramStatus(ctx: AppContext): Promise<TelegramStatus> {
  const store = ctx.store;
  const [watches, moderated, deletionRows] = await Promise.all([
    store.listWatches(),
    store.listModeratedChats(),
    store.listDeletions({ limit: COUNT_CAP }),
  ]);
  const deletions = Object.fromEntries(REMOVERS.map((r) => [r, 0])) as Record<Remover, number>;
  for (const row of deletionRows) deletions[row.removedBy] += 1;
  const session = await access(ctx.config.telegram.sessionFile).then(
    () => 'saved' as const,
    () => 'missing' as const,
  );
  return { watches, moderated, deletions, actions: await telegramActionCounts(ctx), session };
}

async function telegramActionCounts(ctx: AppContext): Promise<Record<ActionStatus, number>> {
  const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  return { ...counts, ...(await ctx.store.countActionsByStatus('telegram')) };
}
