import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Api as BotApi } from 'grammy';
import type { Logger } from 'pino';
import { errorFields } from '../../connectors/telegram/bot-api/bot-log.js';
import { botRights } from '../../connectors/telegram/bot-api/bot-rights.js';
import {
  createModeratorBot,
  type ModeratorBot,
  type ModeratorBotOptions,
} from '../../connectors/telegram/bot-api/bot-runner.js';
import { moderate, moderatorApi } from '../../connectors/telegram/bot-api/moderation.js';
import type { ChatRef } from '../../core/index.js';
import type { AppContext } from '../context.js';
import { createLiveIntake } from './live-intake.js';
import { type ActionRunner, startActionRunner } from './telegram-actions.js';
import { requireTelegramSecrets } from './telegram-secrets.js';

export interface TelegramBotOptions {
  /** Overrides `telegram.dryRun`. */
  dryRun?: boolean;
  /** Overrides `telegram.bot.mode`. */
  mode?: 'polling' | 'webhook';
  log: Logger;
  /** Long-polling wait in seconds (tests shorten it so a stop is quick). */
  pollTimeoutSeconds?: number;
  /** Overrides `telegram.bot.actionIntervalSeconds`, in milliseconds. */
  actionIntervalMs?: number;
}

export interface TelegramBotRuntime {
  bot: ModeratorBot;
  actions: ActionRunner;
  /** Stops taking updates, waits for the rights checks under way, then the action runner. */
  stop(): Promise<void>;
}

/**
 * The Bot API moderator as one running thing: updates from the chats that made the bot an admin
 * go through the live intake (scanned at once with the in-process queue, published for
 * `rasd worker` with NATS), each chat's rights are read the first time it is seen and kept for
 * `rasd telegram status` and the action runner, and requested actions are carried out every
 * `telegram.bot.actionIntervalSeconds` (recorded only, in dry-run).
 */
export async function startTelegramBot(ctx: AppContext, options: TelegramBotOptions): Promise<TelegramBotRuntime> {
  const { botToken: token } = requireTelegramSecrets(ctx, ['botToken']);
  const settings = ctx.config.telegram;
  const mediaDir = resolve(settings.mediaDir);
  await mkdir(mediaDir, { recursive: true });
  // One client for rights and actions, honouring retry_after up to the configured wait.
  const api = moderatorApi(token, {
    ...(settings.bot.apiRoot !== undefined && { apiRoot: settings.bot.apiRoot }),
    maxDelaySeconds: settings.bot.maxRetryDelaySeconds,
  });
  const checks = new Set<Promise<void>>();
  const bot = createModeratorBot(
    botOptions(ctx, options, token, mediaDir, (chat) => {
      const check = recordRights(ctx, api, chat, options.log);
      const tracked = check.catch(() => undefined).finally(() => checks.delete(tracked));
      checks.add(tracked);
      // The bot runner forgets a chat whose check failed, so its next update checks again.
      return check;
    }),
  );
  const actions = startActionRunner(ctx.store, {
    moderate: async (request, opts) => moderate(api, request, opts),
    dryRun: options.dryRun ?? settings.dryRun,
    intervalMs: options.actionIntervalMs ?? settings.bot.actionIntervalSeconds * 1000,
    // A chat's rights check still under way is awaited, so its first action does not find the chat unknown.
    beforeRun: () => Promise.all(checks).then(() => undefined),
    onError: (error) => options.log.warn(errorFields(error), 'telegram actions: a pass failed; retrying at the next'),
  });
  const stopBehind = async () => {
    await Promise.all(checks);
    await actions.stop();
  };
  await bot.start().catch(async (error: unknown) => {
    await stopBehind();
    throw error;
  });
  return {
    bot,
    actions,
    async stop() {
      await bot.stop();
      await stopBehind();
    },
  };
}

function botOptions(
  ctx: AppContext,
  options: TelegramBotOptions,
  token: string,
  mediaDir: string,
  onChat: (chat: ChatRef) => Promise<void>,
): ModeratorBotOptions {
  const settings = ctx.config.telegram;
  const mode = options.mode ?? settings.bot.mode;
  return {
    token,
    ...(settings.bot.apiRoot !== undefined && { apiRoot: settings.bot.apiRoot }),
    sink: createLiveIntake(ctx, { mediaRoot: mediaDir }),
    onChat,
    mode,
    ...(mode === 'webhook' && { webhook: webhookOf(ctx) }),
    media: { dir: mediaDir, maxBytes: settings.maxMediaBytes, kinds: settings.mediaKinds },
    log: options.log,
    maxDelaySeconds: settings.bot.maxRetryDelaySeconds,
    ...(options.pollTimeoutSeconds !== undefined && { pollTimeoutSeconds: options.pollTimeoutSeconds }),
  };
}

/**
 * The bot's rights in a chat it has just seen, kept so status and the runner know where it may
 * act. A failure is logged and rethrown, so the bot runner checks the chat again later.
 */
async function recordRights(ctx: AppContext, api: BotApi, chat: ChatRef, log: Logger): Promise<void> {
  const type = chat.type ?? 'unknown';
  try {
    const rights = await botRights(api, chat.id, type);
    await ctx.store.saveModeratedChat({
      chatId: chat.id,
      type,
      ...(chat.title !== undefined && { title: chat.title }),
      ...(chat.username !== undefined && { username: chat.username }),
      rights,
      checkedAt: new Date().toISOString(),
    });
  } catch (error) {
    log.warn({ chatId: chat.id, ...errorFields(error) }, "telegram bot: the bot's rights in a chat could not be read");
    throw error;
  }
}

function webhookOf(ctx: AppContext) {
  // Webhook mode needs it so only Telegram can post updates.
  const { webhookSecret: secretToken } = requireTelegramSecrets(ctx, ['webhookSecret']);
  const { webhookHost: host, webhookPort: port, webhookPath: path, webhookUrl } = ctx.config.telegram.bot;
  return { host, port, path, secretToken, ...(webhookUrl !== undefined && { publicUrl: webhookUrl }) };
}
