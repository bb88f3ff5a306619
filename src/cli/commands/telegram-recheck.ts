import type { Command } from 'commander';
import { createContext, recheckTelegramReferrals, requireTelegramSecrets } from '../../app/index.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';

interface RecheckFlags extends CommonOptions {
  limit: number;
  json?: boolean;
}

/**
 * `rasd telegram recheck`: looks up each pending Telegram referral through the monitor's session
 * (least recently checked first, at most --limit) and records the ones that are gone as removed
 * by the platform, with the time it took; a message Rasd's bot deleted itself is not looked up.
 * Run it from a timer; each run is bounded and the next takes the ones this one left.
 */
export function registerTelegramRecheck(group: Command): void {
  group
    .command('recheck')
    .description('check whether referred Telegram messages are still there; records time to removal')
    .option('--limit <n>', 'referrals checked in this run, least recently checked first', parsePositive, 200)
    .option('--json', 'print one JSON object')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: RecheckFlags) => {
      await using ctx = await createContext(configOverrides(options));
      requireTelegramSecrets(ctx, ['apiId', 'apiHash', 'sessionKey']);
      const summary = await recheckTelegramReferrals(ctx, { limit: options.limit, log: ctx.log.ingest });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return;
      }
      const median = summary.medianTimeToRemovalMs;
      process.stdout.write(
        [
          `checked\t${summary.checked}`,
          `removed\t${summary.removed}`,
          `pending\t${summary.pending}`,
          `unknown\t${summary.unknown}`,
          `deleted by Rasd\t${summary.ours}`,
          `median time to removal\t${median === undefined ? 'none removed yet' : duration(median)}`,
        ].join('\n') + '\n',
      );
    });
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
}
