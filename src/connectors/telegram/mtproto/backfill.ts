import type { Api } from 'telegram';
import type { BackfillCheckpoint } from '../../../core/index.js';

/**
 * The history back-fill of one watched chat, resumable after any stop. Telegram pages history
 * newest first, so the first page records `newestId` (live updates cover everything after it)
 * and each next page asks for messages older than `oldestId`. The checkpoint is saved after each
 * page is handed over, never before: a crash re-reads at most the page that was not taken, and
 * a restart resumes at `oldestId`, so no message is skipped and none is sent twice.
 */

export interface BackfillLimits {
  pageSize: number;
  /** Messages in all for this chat; the back-fill is done when reached. */
  maxMessages: number;
}

export type BackfillStep = { kind: 'page'; offsetId: number; limit: number } | { kind: 'done' };

/** Telegram's cap on one history page. */
export const MAX_PAGE_SIZE = 100;

/** The next page to ask for, or done. */
export function nextBackfillPage(checkpoint: BackfillCheckpoint, limits: BackfillLimits): BackfillStep {
  if (checkpoint.state === 'done') return { kind: 'done' };
  const left = limits.maxMessages - checkpoint.fetched;
  if (left <= 0) return { kind: 'done' };
  // Message ids start at 1: nothing is older than message 1.
  if (checkpoint.oldestId !== undefined && checkpoint.oldestId <= 1) return { kind: 'done' };
  const pageSize = Math.max(1, Math.min(limits.pageSize, MAX_PAGE_SIZE));
  return { kind: 'page', offsetId: checkpoint.oldestId ?? 0, limit: Math.min(pageSize, left) };
}

export interface BackfillPage {
  /** What to hand to the scan, oldest first. */
  messages: Api.TypeMessage[];
  /** The checkpoint to save once `messages` were taken. */
  checkpoint: BackfillCheckpoint;
}

/** Applies one fetched page (newest first, as Telegram sends it) to the checkpoint. */
export function applyBackfillPage(
  checkpoint: BackfillCheckpoint,
  page: readonly Api.TypeMessage[],
  limits: BackfillLimits,
): BackfillPage {
  // Only strictly older than the cursor: a server that repeats a boundary message must not cause a duplicate.
  const older = checkpoint.oldestId === undefined ? [...page] : page.filter((m) => m.id < (checkpoint.oldestId ?? 0));
  const newestFirst = older.sort((a, b) => b.id - a.id);
  if (newestFirst.length === 0) return { messages: [], checkpoint: { ...checkpoint, state: 'done' } };

  const notBefore = checkpoint.notBefore === undefined ? undefined : Date.parse(checkpoint.notBefore) / 1000;
  const room = Math.max(0, limits.maxMessages - checkpoint.fetched);
  const taken: Api.TypeMessage[] = [];
  let reachedDate = false;
  for (const message of newestFirst) {
    if (taken.length >= room) break;
    if (notBefore !== undefined && dateOf(message) !== undefined && (dateOf(message) ?? 0) < notBefore) {
      reachedDate = true;
      break;
    }
    taken.push(message);
  }

  const last = taken.at(-1);
  const fetched = checkpoint.fetched + taken.length;
  const done = reachedDate || last === undefined || last.id <= 1 || fetched >= limits.maxMessages;
  const next: BackfillCheckpoint = {
    ...checkpoint,
    state: done ? 'done' : 'running',
    newestId: checkpoint.newestId ?? newestFirst[0]?.id,
    fetched,
    ...(last !== undefined && { oldestId: last.id }),
  };
  return { messages: taken.reverse(), checkpoint: next };
}

function dateOf(message: Api.TypeMessage): number | undefined {
  return 'date' in message && typeof message.date === 'number' ? message.date : undefined;
}

/** A new checkpoint; `notBeforeDays` bounds how far back the history is read. */
export function startCheckpoint(nowMs: number, notBeforeDays?: number): BackfillCheckpoint {
  return {
    state: 'pending',
    fetched: 0,
    ...(notBeforeDays !== undefined && { notBefore: new Date(nowMs - notBeforeDays * 86_400_000).toISOString() }),
  };
}

export interface BackfillDriver {
  checkpoint: BackfillCheckpoint;
  limits: BackfillLimits;
  fetchPage: (offsetId: number, limit: number) => Promise<readonly Api.TypeMessage[]>;
  /** Hands a page on; a rejection means it was not taken, and the checkpoint stays. */
  deliver: (messages: Api.TypeMessage[]) => Promise<void>;
  save: (checkpoint: BackfillCheckpoint) => Promise<void>;
  /** Asked between pages: a stop lets the current page finish, then returns. */
  shouldStop?: () => boolean;
}

/** Pages until done or stopped; returns the last saved checkpoint. */
export async function driveBackfill(driver: BackfillDriver): Promise<BackfillCheckpoint> {
  let checkpoint = driver.checkpoint;
  for (;;) {
    const step = nextBackfillPage(checkpoint, driver.limits);
    if (step.kind === 'done') {
      if (checkpoint.state !== 'done') {
        checkpoint = { ...checkpoint, state: 'done' };
        await driver.save(checkpoint);
      }
      return checkpoint;
    }
    if (driver.shouldStop?.()) return checkpoint;
    const page = await driver.fetchPage(step.offsetId, step.limit);
    const applied = applyBackfillPage(checkpoint, page, driver.limits);
    if (applied.messages.length > 0) await driver.deliver(applied.messages);
    await driver.save(applied.checkpoint);
    checkpoint = applied.checkpoint;
  }
}
