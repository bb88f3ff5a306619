import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { AppError, type ChatRef, isAppError } from '../../../core/index.js';
import type { LiveSink } from '../live-event.js';
import { type MediaDownloads, withMedia } from './item-media.js';
import { chatRef } from './message-item.js';
import { installRetry } from './moderation.js';
import { MODERATED_UPDATES, updateEvents } from './update-events.js';

/**
 * The Bot API moderator's runtime: receives updates (long polling or a webhook), maps them to
 * LiveEvents and hands them to the sink, one update at a time and in order.
 *
 * No update is lost to a failing sink. grammY's own polling loop (`bot.start`) confirms an
 * update once its handler has run, even when the handler threw, so this runner polls itself:
 * an update's offset is confirmed only after the sink took it, and a failing sink is retried
 * with backoff (1 s doubling to 60 s) until it succeeds or the bot is stopped; a stopped bot
 * gets the unconfirmed update again on its next start. With a webhook, a failing sink answers
 * 500 and Telegram delivers the update again later.
 */

/** What the runner logs through: pino's Logger fits. Ids, counts and codes only. */
export interface BotLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WebhookOptions {
  host: string;
  port: number;
  /** The path Telegram posts to, e.g. `/telegram/<random>`. */
  path: string;
  /** Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`; a request without it gets 401. */
  secretToken: string;
  /** The public HTTPS address Telegram should post to; when given, `start` registers it with setWebhook. */
  publicUrl?: string;
}

export type UpdateKind = Exclude<keyof Update, 'update_id'>;

export interface ModeratorBotOptions {
  token: string;
  apiRoot?: string;
  sink: LiveSink;
  /**
   * Called the first time an update comes from a chat, and again whenever the bot's own membership
   * there changes (`my_chat_member`: promoted, rights changed, removed), e.g. to re-read its rights.
   */
  onChat?: (chat: ChatRef) => void;
  mode: 'polling' | 'webhook';
  webhook?: WebhookOptions;
  allowedUpdates?: readonly UpdateKind[];
  /** Fetch media within limits before the sink sees the item; absent: media stay remote refs. */
  media?: MediaDownloads;
  log: BotLog;
  /** Long-polling wait, seconds (Telegram's default is 0; 30 is usual). */
  pollTimeoutSeconds?: number;
  maxDelaySeconds?: number;
}

export interface ModeratorBot {
  bot: Bot;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Maps and sinks one update; throws when the sink fails. */
  handleUpdate(update: Update): Promise<void>;
  /** The webhook server's address once started (`http://host:port/path`). */
  webhookUrl(): string | undefined;
}

const MAX_WEBHOOK_BODY = 1024 * 1024;
const MAX_BACKOFF_MS = 60_000;

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

function errorFields(error: unknown): object {
  const cause =
    error instanceof Error && error.name === 'BotError' ? (error as Error & { error: unknown }).error : error;
  if (isAppError(cause)) return { code: cause.code };
  if (cause instanceof GrammyError) return { errorCode: cause.error_code, method: cause.method };
  return { error: cause instanceof Error ? cause.name : typeof cause };
}

function registerHandlers(bot: Bot, options: ModeratorBotOptions): void {
  const seen = new Set<string>();
  bot.on([...MODERATED_UPDATES], async (ctx) => {
    const mapped = updateEvents(ctx.update);
    if (mapped.reason) options.log.warn({ updateId: mapped.updateId }, `update not mapped: ${mapped.reason}`);
    if (mapped.chat && !seen.has(mapped.chat.id)) {
      seen.add(mapped.chat.id);
      options.onChat?.(mapped.chat);
    }
    if (mapped.events.length === 0) return;
    const events = options.media ? await withMedia(bot.api, mapped.events, mapped.files, options.media) : mapped.events;
    await options.sink(events);
  });
  // Rights granted after the first message would otherwise need a restart to be seen.
  bot.on('my_chat_member', (ctx) => {
    const chat = chatRef(ctx.update.my_chat_member.chat as unknown as Record<string, unknown>);
    if (chat === undefined) return;
    seen.add(chat.id);
    options.onChat?.(chat);
  });
  bot.catch((err) => options.log.error({ updateId: err.ctx.update.update_id, ...errorFields(err) }, 'update failed'));
}

/** Hands one update to the bot until the sink takes it; false if the bot was stopped first. */
async function deliver(bot: Bot, update: Update, stopper: Stopper, log: BotLog): Promise<boolean> {
  let wait = 1000;
  for (;;) {
    try {
      await bot.handleUpdate(update);
      return true;
    } catch (error) {
      log.warn({ updateId: update.update_id, retryInMs: wait, ...errorFields(error) }, 'update not taken; retrying');
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
  while (stopper.running) {
    const updates = await fetchUpdates(bot, offset, options, stopper);
    if (updates === undefined) break;
    for (const update of updates) {
      // Stopped while the sink failed: this update stays unconfirmed, the ones before it are confirmed below.
      if (!(await deliver(bot, update, stopper, options.log))) break;
      offset = update.update_id + 1;
    }
  }
  // Confirms what was handled, so a restart does not get it again.
  if (offset > 0) await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function webhookHandler(bot: Bot, hook: WebhookOptions, log: BotLog) {
  const callback = webhookCallback(bot, 'callback', {
    secretToken: hook.secretToken,
    onTimeout: 'throw',
    timeoutMilliseconds: 50_000,
  });
  return async (req: IncomingMessage, res: ServerResponse) => {
    const answer = (status: number) => {
      if (!res.headersSent) res.writeHead(status).end();
    };
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== hook.path) return answer(404);
    const body = await readBody(req).catch(() => undefined);
    if (!body) return answer(413);
    let update: unknown;
    try {
      update = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(400);
    }
    const header = req.headers['x-telegram-bot-api-secret-token'];
    try {
      await callback(
        update as Update,
        () => answer(200),
        typeof header === 'string' ? header : undefined,
        () => answer(401),
      );
      answer(200);
    } catch (error) {
      log.warn(
        { updateId: (update as { update_id?: unknown })?.update_id, ...errorFields(error) },
        'webhook update not taken',
      );
      answer(500);
    }
  };
}

/** getMe before anything else: a refused token is a clear error at start, not a silent loop. */
async function initialise(bot: Bot): Promise<void> {
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new AppError('TELEGRAM_SESSION_INVALID', {
        detail: 'Telegram refused the bot token (401 Unauthorized); get the token again from @BotFather and set it',
        cause: error,
      });
    }
    throw new AppError('TELEGRAM_UNAVAILABLE', {
      detail: 'the Bot API could not be reached to start the bot',
      cause: error,
    });
  }
}

export function createModeratorBot(options: ModeratorBotOptions): ModeratorBot {
  const bot = new Bot(options.token, options.apiRoot === undefined ? {} : { client: { apiRoot: options.apiRoot } });
  installRetry(bot.api, options.maxDelaySeconds);
  registerHandlers(bot, options);
  const stopper = new Stopper();
  let server: Server | undefined;
  let polling: Promise<void> | undefined;
  return {
    bot,
    async start() {
      await initialise(bot);
      stopper.running = true;
      if (options.mode === 'polling') {
        // Telegram refuses getUpdates while a webhook is set.
        await bot.api.deleteWebhook({ drop_pending_updates: false });
        polling = pollLoop(bot, options, stopper).catch((error) => {
          stopper.running = false;
          options.log.error(errorFields(error), 'polling stopped: the token is wrong or another instance polls');
        });
        return;
      }
      const hook = options.webhook;
      if (!hook) throw new Error('webhook mode needs the webhook host, port, path and secret token');
      const handle = webhookHandler(bot, hook, options.log);
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server?.listen(hook.port, hook.host, resolve));
      if (hook.publicUrl !== undefined) {
        await bot.api.setWebhook(hook.publicUrl, { secret_token: hook.secretToken, allowed_updates: allowed(options) });
      }
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
