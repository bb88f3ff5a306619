import { type Action, ERROR_CODES, type Item, type ModeratedChat } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import type { AuditStore, Store } from '../../storage/ports.js';
import type { Moderate, ModerationRequest, ModerationResult } from './moderation-port.js';
import { SYSTEM_ACTOR } from './removals.js';

/**
 * The Telegram action runner: requested actions (a policy rule's, a reviewer's) are carried out
 * by the bot where it moderates the chat, and each attempt is recorded on the Action with what
 * Telegram answered. A rate limit leaves the action requested for a later run (up to
 * `maxAttempts`); anything else that fails is final and says why, so a reviewer sees "the bot
 * needs the 'Delete messages' right in chat X" rather than an action that never moves.
 */

export type ActionRunStore = Pick<
  Store,
  'listRequestedActions' | 'getItem' | 'getModeratedChat' | 'claimAction' | 'recordAttempt' | 'reclaimStaleActions'
> &
  AuditStore;

export interface ActionRunOptions {
  moderate: Moderate;
  dryRun: boolean;
  /** Actions taken per run. */
  limit?: number;
  /** Attempts before a retryable failure becomes final. */
  maxAttempts?: number;
  now?: () => Date;
  /**
   * Action id → earliest next attempt (ms), from Telegram's retry_after. The runner keeps one
   * across passes; after a restart the back-off alone applies.
   */
  notBefore?: Map<string, number>;
}

export interface ActionRunSummary {
  confirmed: number;
  failed: number;
  dryRun: number;
  /** Left requested for a later run (rate limited, or waiting out its back-off). */
  retrying: number;
}

const MODERATION_KINDS = new Set<Action['kind']>(['delete', 'ban', 'restrict', 'ban-sender-chat']);
const DEFAULT_LIMIT = 50;
const DEFAULT_MAX_ATTEMPTS = 5;
/** A retried action waits at least this long, doubling per attempt, capped below. */
const RETRY_BASE_MS = 5_000;
const RETRY_CAP_MS = 10 * 60_000;
/**
 * A claimed action with no answer after this long lost its runner (a crash between the call and the
 * record): it is put back. Longer than any one attempt (time-outs, retry_after waits within a call),
 * and a repeat is harmless: a second delete finds the message gone, a second ban is a no-op.
 */
export const CLAIM_LEASE_MS = 15 * 60_000;

/** One pass over the requested Telegram actions, oldest request first. */
export async function runTelegramActions(store: ActionRunStore, options: ActionRunOptions): Promise<ActionRunSummary> {
  const now = options.now ?? (() => new Date());
  const summary: ActionRunSummary = { confirmed: 0, failed: 0, dryRun: 0, retrying: 0 };
  const notBefore = options.notBefore ?? new Map<string, number>();
  await store.reclaimStaleActions('telegram', new Date(now().getTime() - CLAIM_LEASE_MS).toISOString(), 1000);
  const actions = await store.listRequestedActions('telegram', options.limit ?? DEFAULT_LIMIT);
  for (const action of actions) {
    if (!MODERATION_KINDS.has(action.kind)) continue;
    if (waitingOut(action, now(), notBefore.get(action.id))) {
      summary.retrying++;
      continue;
    }
    // Another runner (a second process) that claimed it first carries it out; this one skips it.
    if (!(await store.claimAction(action.id, now().toISOString()))) continue;
    notBefore.delete(action.id);
    const result = await attempt(store, action, options);
    const at = now();
    if (result.retryAfterSeconds !== undefined)
      notBefore.set(action.id, at.getTime() + result.retryAfterSeconds * 1000);
    const status = await record(store, action, result, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, at);
    if (status === 'confirmed') summary.confirmed++;
    else if (status === 'failed') summary.failed++;
    else if (status === 'dry-run') summary.dryRun++;
    else summary.retrying++;
  }
  return summary;
}

/** A retried action is not tried again before its back-off, nor before Telegram's retry_after, has passed. */
function waitingOut(action: Action, now: Date, notBefore = 0): boolean {
  if (notBefore > now.getTime()) return true;
  if (action.attempts === 0 || action.lastAttemptAt === undefined) return false;
  const backoff = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (action.attempts - 1));
  return Date.parse(action.lastAttemptAt) + backoff > now.getTime();
}

async function attempt(store: ActionRunStore, action: Action, options: ActionRunOptions): Promise<ModerationResult> {
  const item = await store.getItem(action.itemKey);
  if (item === undefined) return refused(`item ${action.itemKey} is no longer stored, so there is nothing to act on`);
  const chat = await store.getModeratedChat(item.chat.id);
  if (chat === undefined) {
    // Its rights check may still be under way or have failed for now: tried again, up to the limit.
    return {
      status: 'failed',
      code: 'TELEGRAM_UNAVAILABLE',
      outcome: `the bot has no record of chat ${item.chat.id} yet; a chat only the monitor watches cannot be acted on by the bot — add the bot as an admin there, or refer the message to Telegram`,
    };
  }
  if (chat.rights.status === 'left' || chat.rights.status === 'kicked') {
    return refused(
      `the bot is not in chat ${item.chat.id}; a chat only the monitor watches cannot be acted on by the bot — add the bot as an admin there, or refer the message to Telegram`,
    );
  }
  const request = requestFor(action, item, chat);
  if (typeof request === 'string') return refused(request);
  try {
    return await options.moderate(request, { dryRun: options.dryRun });
  } catch (error) {
    // The moderator answers every Telegram refusal itself; a throw is the network or the Bot API being down.
    return {
      status: 'failed',
      code: 'TELEGRAM_UNAVAILABLE',
      outcome: `the Bot API could not be reached (${error instanceof Error ? error.name : 'error'}); retried later`,
    };
  }
}

function refused(outcome: string): ModerationResult {
  return { status: 'failed', code: 'TELEGRAM_RIGHTS_MISSING', outcome };
}

/** The moderator's request for an action on an item, or a sentence saying why there is none. */
export function requestFor(action: Action, item: Item, chat: ModeratedChat): ModerationRequest | string {
  const base = { chatId: chat.chatId, chatType: chat.type };
  const author = item.author?.id ?? '';
  switch (action.kind) {
    case 'delete':
      return { ...base, kind: 'delete', messageId: item.messageId };
    case 'ban':
    case 'restrict': {
      const user = /^user(\d+)$/.exec(author);
      if (user === null) {
        return `message ${item.messageId} was not sent by a user (sender "${author || 'unknown'}"), so there is no member to ${action.kind}; a channel posting in a group is banned with ban-sender-chat`;
      }
      return { ...base, kind: action.kind, userId: user[1]! };
    }
    case 'ban-sender-chat': {
      const sender = /^channel(\d+)$/.exec(author);
      if (sender === null || sender[1] === chat.chatId) {
        return `message ${item.messageId} was not posted by another chat in chat ${chat.chatId}, so there is no sender chat to ban`;
      }
      return { ...base, kind: 'ban-sender-chat', senderChatId: sender[1]! };
    }
    default:
      return `a ${action.kind} action is not carried out by the Telegram bot`;
  }
}

async function record(
  store: ActionRunStore,
  action: Action,
  result: ModerationResult,
  maxAttempts: number,
  at: Date,
): Promise<Action['status']> {
  const attempts = action.attempts + 1;
  const retryable = result.status === 'failed' && result.code !== undefined && ERROR_CODES[result.code].retryable;
  const status: Action['status'] = retryable && attempts < maxAttempts ? 'requested' : result.status;
  const lastAttemptAt = at.toISOString();
  await store.recordAttempt(action.id, {
    status,
    attempts,
    lastAttemptAt,
    outcome: result.outcome,
    ...(status === 'confirmed' && { confirmedAt: lastAttemptAt }),
  });
  await appendAudit(
    store,
    {
      actor: SYSTEM_ACTOR,
      action: `action.${action.kind}`,
      target: action.id,
      reason: result.outcome,
      details: { item: action.itemKey, status, attempts, code: result.code ?? null },
    },
    () => at,
  );
  return status;
}

export interface ActionRunner {
  /** Runs a pass now (tests, and the runtime after its bot starts); passes never overlap. */
  runNow(): Promise<ActionRunSummary | undefined>;
  /** Stops the timer and waits for the pass under way. */
  stop(): Promise<void>;
}

/** Runs `runTelegramActions` every `intervalMs`; a failing pass is reported and the next one goes on. */
export function startActionRunner(
  store: ActionRunStore,
  options: ActionRunOptions & {
    intervalMs: number;
    onError: (error: unknown) => void;
    /** Awaited before each pass (the runtime's chat rights checks still under way). */
    beforeRun?: () => Promise<void>;
  },
): ActionRunner {
  let running: Promise<ActionRunSummary | undefined> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const notBefore = new Map<string, number>();
  const runNow = () => {
    running ??= (options.beforeRun?.() ?? Promise.resolve())
      .then(() => runTelegramActions(store, { ...options, notBefore }))
      .catch((error: unknown) => {
        options.onError(error);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void runNow().finally(schedule), options.intervalMs);
    timer.unref?.();
  };
  schedule();
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
