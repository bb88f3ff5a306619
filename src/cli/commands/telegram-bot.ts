import type { Command } from 'commander';
import { createContext, requireTelegramSecrets, startTelegramBot } from '../../app/index.js';
import { type CommonOptions, configOverrides } from '../options.js';
import { waitForShutdown } from '../shutdown.js';

interface BotFlags extends CommonOptions {
  dryRun?: boolean;
  webhook?: boolean;
}

/**
 * `rasd telegram bot`: the Bot API moderator for the groups and channels that made the bot an
 * admin. It takes their messages into the scan (scanned at once on the embedded preset), and
 * carries out the delete/ban/restrict actions policy or reviewers request where the bot has the
 * right. Runs until SIGINT/SIGTERM, then stops taking updates and finishes what it holds. When
 * Telegram ends polling for good (token revoked, another instance polling), it stops and exits
 * non-zero with the reason, so a service manager restarts or alerts.
 */
export function registerTelegramBot(group: Command): void {
  group
    .command('bot')
    .description('run the Bot API moderator until stopped (needs RASD_TELEGRAM_BOT_TOKEN)')
    .option('--dry-run', 'record the actions it would take (status dry-run) without taking them')
    .option('--webhook', 'take updates on the webhook (telegram.bot.webhook*) instead of long polling')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: BotFlags) => {
      await using ctx = await createContext(configOverrides(options));
      const webhook = options.webhook === true || ctx.config.telegram.bot.mode === 'webhook';
      requireTelegramSecrets(ctx, webhook ? ['botToken', 'webhookSecret'] : ['botToken']);
      const dryRun = options.dryRun === true || ctx.config.telegram.dryRun;
      const bot = await startTelegramBot(ctx, {
        dryRun,
        mode: webhook ? 'webhook' : 'polling',
        log: ctx.log.ingest,
      });
      process.stderr.write(
        `rasd: telegram bot running (${webhook ? 'webhook' : 'long polling'}${dryRun ? ', dry-run: no action is taken' : ''}); Ctrl-C or SIGTERM stops it\n`,
      );
      const failure = await Promise.race([waitForShutdown().then(() => undefined), bot.bot.failed]);
      await bot.stop();
      if (failure !== undefined) throw failure;
      process.stderr.write('rasd: telegram bot stopped\n');
    });
}
