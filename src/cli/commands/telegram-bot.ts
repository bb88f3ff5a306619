import type { Command } from 'commander';
import { createContext, startTelegramBot } from '../../app/index.js';
import { type CommonOptions, configOverrides } from '../options.js';
import { waitForShutdown } from '../shutdown.js';
import { requireTelegramSecrets } from './telegram-secrets.js';

interface BotFlags extends CommonOptions {
  dryRun?: boolean;
  webhook?: boolean;
}

/**
 * `rasd telegram bot`: the Bot API moderator for the groups and channels that made the bot an
 * admin. It takes their messages into the scan (an in-process worker on the embedded preset),
 * and carries out the delete/ban/restrict actions policy or reviewers request where the bot has
 * the right. Runs until SIGINT/SIGTERM, then stops taking updates and finishes what it holds.
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
      await waitForShutdown();
      await bot.stop();
      process.stderr.write('rasd: telegram bot stopped\n');
    });
}
