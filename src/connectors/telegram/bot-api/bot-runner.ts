import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import { AppError, type ChatRef } from '../../../core/index.js';
import type { LiveSink } from '../live-event.js';
import { type BotLog, errorFields } from './bot-log.js';
import { type MediaDownloads, withMedia } from './item-media.js';
import { chatRef } from './message-item.js';
import { installRetry } from './moderation.js';
import { MODERATED_UPDATES, updateEvents } from './update-events.js';
import { type WebhookOptions, webhookHandler } from './webhook-server.js';

/**
 * The Bot API moderator's runtime: receives updates (long polling or a webhook), maps them to
 * LiveEvents and hands them to the sink, one update at a time and in order.
 *
 * A failing sink does not lose an update at once, nor stall the bot for ever. grammY's own
 * polling loop (`bot.start`) confirms an update once its handler has run, even when the handler
 * threw, so this runner polls itself: an update's offset is confirmed only after the sink took
 * it. A failing sink is retried with backoff (1 s doubling to 60 s) up to `maxDeliveryAttempts`
 * times (8: about two minutes); then the update is logged as skipped (`telegram.update.skipped`,
 * with its update id) and confirmed, so one bad update cannot hold back every later one. A
 * stopped bot gets the unconfirmed update again on its next start. With a webhook, a failing sink
 * answers 500 and Telegram delivers the update again, up to the same number of attempts.
 *
 * Polling that Telegram ends for good (401: the token was revoked; 409: another instance polls
 * or a webhook is set) resolves `failed`, so the process can exit non-zero and be restarted.
 */

export type { BotLog } from './bot-log.js';
export type { WebhookOptions } from './webhook-server.js';

export type UpdateKind = Exclude<keyof Update, 'update_id'>;

export interface ModeratorBotOptions {
  token: string;
  apiRoot?: string;
  sink: LiveSink;
  /**
   * Called the first time an update comes from a chat, and again whenever the bot's own membership
   * there changes (`my_chat_member`: promoted, rights changed, removed), e.g. to re-read its rights.
   * When it throws or its promise rejects, the chat counts as not seen, so its next update calls again.
   */
  onChat?: (chat: ChatRef) => unknown;
  mode: 'polling' | 'webhook';
  webhook?: WebhookOptions;
  allowedUpdates?: readonly UpdateKind[];
  /** Fetch media within limits before the sink sees the item; absent: media stay remote refs. */
  media?: MediaDownloads;
  log: BotLog;
  /** Long-polling wait, seconds (Telegram's default is 0; 30 is usual). */
  pollTimeoutSeconds?: number;
  maxDelaySeconds?: number;
  /** Times one update is offered to a failing sink before it is skipped (default 8). */
  maxDeliveryAttempts?: number;
  /** The first wait before offering a refused update again, doubling up to 60 s (default 1000). */
  firstRetryDelayMs?: number;
}

export interface ModeratorBot {
  bot: Bot;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Maps and sinks one update; throws when the sink fails. */
  handleUpdate(update: Update): Promise<void>;
  /** The webhook server's address once started (`http://host:port/path`). */
  webhookUrl(): string | undefined;
  /** Resolves when Telegram ends polling for good (token revoked, another instance); never otherwise. */
  failed: Promise<AppError>;
}

const MAX_BACKOFF_MS = 60_000;
const DELIVERY_ATTEMPTS = 8;
/** Chats remembered as seen; past this the memory starts again (a rights re-check each, no harm). */
const MAX_SEEN_CHATS = 100_000;

class Stopper {
  running = false;
  abort = new AbortController();
  private wakers = new Set<() => void>();
  /** Sleeps `ms`, or less if the bot is stopped meanwhile; says whether it is still running. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve(this.running);
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
  stop(): void {
    this.running = false;
    this.abort.abort();
    for (const wake of [...this.wakers]) wake();
  }
}

/** Tells `onChat` about a chat once; a failed call (e.g. a rights check) is forgotten so it is made again. */
function chatNotifier(options: ModeratorBotOptions): (chat: ChatRef, again: boolean) => void {
  const seen = new Set<string>();
  const forget = (chat: ChatRef) => (error: unknown) => {
    seen.delete(chat.id);
    options.log.warn({ chatId: chat.id, ...errorFields(error) }, 'chat check failed; tried again at its next update');
  };
  return (chat, again) => {
    if (!again && seen.has(chat.id)) return;
    if (seen.size >= MAX_SEEN_CHATS) seen.clear();
    seen.add(chat.id);
    try {
      Promise.resolve(options.onChat?.(chat)).catch(forget(chat));
    } catch (error) {
      forget(chat)(error);
    }
  };
}

function registerHandlers(bot: Bot, options: ModeratorBotOptions): void {
  const noteChat = chatNotifier(options);
  bot.on([...MODERATED_UPDATES], async (ctx) => {
    const mapped = updateEvents(ctx.update);
    if (mapped.reason) options.log.warn({ updateId: mapped.updateId }, `update not mapped: ${mapped.reason}`);
    if (mapped.chat) noteChat(mapped.chat, false);
    if (mapped.events.length === 0) return;
    const events = options.media ? await withMedia(bot.api, mapped.events, mapped.files, options.media) : mapped.events;
    await options.sink(events);
  });
  // Rights granted after the first message would otherwise need a restart to be seen.
  bot.on('my_chat_member', (ctx) => {
    const chat = chatRef(ctx.update.my_chat_member.chat as unknown as Record<string, unknown>);
    if (chat !== undefined) noteChat(chat, true);
  });
  bot.catch((err) => options.log.error({ updateId: err.ctx.update.update_id, ...errorFields(err) }, 'update failed'));
}

/**
 * Hands one update to the bot until the sink takes it or the attempts run out (then it is logged
 * as skipped and counts as handled); false if the bot was stopped first.
 */
async function deliver(bot: Bot, update: Update, stopper: Stopper, options: ModeratorBotOptions): Promise<boolean> {
  const attempts = Math.max(1, options.maxDeliveryAttempts ?? DELIVERY_ATTEMPTS);
  let wait = options.firstRetryDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await bot.handleUpdate(update);
      return true;
    } catch (error) {
      const fields = { updateId: update.update_id, attempt, ...errorFields(error) };
      if (attempt >= attempts) {
        options.log.error(fields, 'telegram.update.skipped: the sink refused it on every attempt');
        return true;
      }
      options.log.warn({ ...fields, retryInMs: wait }, 'update not taken; retrying');
      if (!(await stopper.sleep(wait))) return false;
      wait = Math.min(wait * 2, MAX_BACKOFF_MS);
    }
  }
}

/** The messages the bot moderates, and changes of its own membership (to re-read its rights). */
export const BOT_UPDATES: readonly UpdateKind[] = [...MODERATED_UPDATES, 'my_chat_member'];

const allowed = (options: ModeratorBotOptions): UpdateKind[] => [...(options.allowedUpdates ?? BOT_UPDATES)];

async function fetchUpdates(bot: Bot, offset: number, options: ModeratorBotOptions, stopper: Stopper) {
  try {
    return await bot.api.getUpdates(
      {
        offset,
        limit: 100,
        timeout: options.pollTimeoutSeconds ?? 30,
        allowed_updates: allowed(options),
      },
      // grammY types its signal as the abort-controller package's; Node's own is what it uses at run time.
      stopper.abort.signal as unknown as Parameters<Bot['api']['getUpdates']>[1],
    );
  } catch (error) {
    if (!stopper.running) return undefined;
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)) throw error;
    const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
    options.log.warn({ ...errorFields(error), retryAfter }, 'getUpdates failed; retrying');
    await stopper.sleep((retryAfter ?? 3) * 1000);
    return [];
  }
}

async function pollLoop(bot: Bot, options: ModeratorBotOptions, stopper: Stopper): Promise<void> {
  let offset = 0;
  try {
    while (stopper.running) {
      const updates = await fetchUpdates(bot, offset, options, stopper);
      if (updates === undefined) break;
      for (const update of updates) {
        // Stopped while the sink failed: this update stays unconfirmed, the ones before it are confirmed below.
        if (!(await deliver(bot, update, stopper, options))) break;
        offset = update.update_id + 1;
      }
    }
  } finally {
    // Confirms what was handled, so a restart does not get it again.
    if (offset > 0) await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
  }
}

/** Why Telegram ended polling, as a sentence the operator can act on. */
function pollingFailure(error: unknown): AppError {
  if (error instanceof GrammyError && error.error_code === 401) {
    return new AppError('TELEGRAM_SESSION_INVALID', {
      detail: 'Telegram no longer accepts the bot token (401 Unauthorized); get a new one from @BotFather and set it',
    });
  }
  if (error instanceof GrammyError && error.error_code === 409) {
    return new AppError('TELEGRAM_SESSION_INVALID', {
      detail:
        'Telegram refused polling (409 Conflict): another instance polls with this token or a webhook is set; run one bot only',
    });
  }
  return new AppError('TELEGRAM_UNAVAILABLE', { detail: 'polling the Bot API stopped unexpectedly; restart the bot' });
}

/** getMe before anything else: a refused token is a clear error at start, not a silent loop. */
async function initialise(bot: Bot): Promise<void> {
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new AppError('TELEGRAM_SESSION_INVALID', {
        detail: 'Telegram refused the bot token (401 Unauthorized); get the token again from @BotFather and set it',
      });
    }
    throw new AppError('TELEGRAM_UNAVAILABLE', { detail: 'the Bot API could not be reached to start the bot' });
  }
}

/**
 * Telegram's own reason is kept (it names the fault, e.g. a non-HTTPS URL); the GrammyError is not
 * attached as a cause, since its payload holds the secret token that was sent.
 */
async function registerWebhook(bot: Bot, hook: WebhookOptions, options: ModeratorBotOptions): Promise<void> {
  if (hook.publicUrl === undefined) return;
  try {
    await bot.api.setWebhook(hook.publicUrl, { secret_token: hook.secretToken, allowed_updates: allowed(options) });
  } catch (error) {
    const reason = error instanceof GrammyError ? ` (${error.error_code}: ${error.description})` : '';
    throw new AppError(
      error instanceof GrammyError && error.error_code === 401 ? 'TELEGRAM_SESSION_INVALID' : 'TELEGRAM_UNAVAILABLE',
      {
        detail: `Telegram did not take the webhook address${reason}; check telegram.bot.webhook.publicUrl is a public HTTPS address`,
      },
    );
  }
}

/** The webhook server, listening, with the address registered at Telegram when a public URL is set. */
async function startWebhook(bot: Bot, options: ModeratorBotOptions): Promise<Server> {
  const hook = options.webhook;
  if (!hook) throw new Error('webhook mode needs the webhook host, port, path and secret token');
  const maxAttempts = Math.max(1, options.maxDeliveryAttempts ?? DELIVERY_ATTEMPTS);
  const handle = webhookHandler(hook, { handle: (update) => bot.handleUpdate(update), log: options.log, maxAttempts });
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(hook.port, hook.host, resolve));
  await registerWebhook(bot, hook, options).catch(async (error: unknown) => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  });
  return server;
}

export function createModeratorBot(options: ModeratorBotOptions): ModeratorBot {
  const bot = new Bot(options.token, options.apiRoot === undefined ? {} : { client: { apiRoot: options.apiRoot } });
  installRetry(bot.api, options.maxDelaySeconds);
  registerHandlers(bot, options);
  const stopper = new Stopper();
  let server: Server | undefined;
  let polling: Promise<void> | undefined;
  let fail: (error: AppError) => void = () => undefined;
  const failed = new Promise<AppError>((resolve) => {
    fail = resolve;
  });
  return {
    bot,
    failed,
    async start() {
      await initialise(bot);
      stopper.running = true;
      if (options.mode === 'polling') {
        // Telegram refuses getUpdates while a webhook is set.
        await bot.api.deleteWebhook({ drop_pending_updates: false });
        polling = pollLoop(bot, options, stopper).catch((error) => {
          stopper.running = false;
          const reason = pollingFailure(error);
          options.log.error(
            { code: reason.code, ...errorFields(error) },
            'polling stopped: the token is wrong or another instance polls',
          );
          fail(reason);
        });
        return;
      }
      server = await startWebhook(bot, options);
    },
    async stop() {
      stopper.stop();
      await polling;
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
    async handleUpdate(update) {
      await bot.init();
      await bot.handleUpdate(update);
    },
    webhookUrl() {
      const address = server?.address() as AddressInfo | null | undefined;
      return address ? `http://${options.webhook?.host}:${address.port}${options.webhook?.path}` : undefined;
    },
  };
}
