import type { Command } from 'commander';
import { registerTelegramBot } from './telegram-bot.js';
import { registerTelegramLogin } from './telegram-login.js';
import { registerTelegramMonitor } from './telegram-monitor.js';
import { registerTelegramRecheck } from './telegram-recheck.js';
import { registerTelegramRequeue } from './telegram-requeue.js';
import { registerTelegramStatus } from './telegram-status.js';
import { registerTelegramUnwatch } from './telegram-unwatch.js';
import { registerTelegramWatch } from './telegram-watch.js';

/**
 * `rasd telegram …`: live Telegram (issue 8, docs/telegram.md). The MTProto monitor follows the
 * watch list with a user account (`login`, `watch`, `unwatch`, `monitor`, `recheck`); the Bot
 * API moderator acts in the chats that made the bot an admin (`bot`, and `requeue-dry-run` after
 * a dry run); `status` shows both.
 * Each subcommand lives in its own file.
 */
export function registerTelegram(program: Command): Command {
  const group = program
    .command('telegram')
    .description('live Telegram: monitor channels with a user account, moderate groups with a bot');
  registerTelegramLogin(group);
  registerTelegramWatch(group);
  registerTelegramUnwatch(group);
  registerTelegramStatus(group);
  registerTelegramMonitor(group);
  registerTelegramBot(group);
  registerTelegramRecheck(group);
  registerTelegramRequeue(group);
  return group;
}
