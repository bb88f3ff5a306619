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
import { liveStore } from './live-store.js';

/** What `rasd telegram status` shows: states, ids and counts; no secret, no message text. */
export interface TelegramStatus {
  watches: WatchEntry[];
  moderated: ModeratedChat[];
  /** Deletions by who removed them, over the newest `COUNT_CAP`. */
  deletions: Record<Remover, number>;
  /** Actions addressed to Telegram by status, over the newest `COUNT_CAP` actions. */
  actions: Record<ActionStatus, number>;
  /** Whether the sealed MTProto session file exists (it is not opened here). */
  session: 'saved' | 'missing';
}

/** Counting reads rows; past this many the counts are of the newest ones (status stays quick). */
export const COUNT_CAP = 50_000;
const PAGE = 1000;

export async function telegramStatus(ctx: AppContext): Promise<TelegramStatus> {
  const store = liveStore(ctx.store);
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
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await ctx.store.listActions({ limit: PAGE, ...(cursor !== undefined && { cursor }) });
    for (const action of page.rows) if (action.target === 'telegram') counts[action.status] += 1;
    read += page.rows.length;
    cursor = page.next;
  } while (cursor !== undefined && read < COUNT_CAP);
  return counts;
}
