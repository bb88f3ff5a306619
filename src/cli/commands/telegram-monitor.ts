import type { Command } from 'commander';
import { createContext, requireTelegramSecrets, startTelegramMonitor } from '../../app/index.js';
import { type CommonOptions, configOverrides } from '../options.js';
import { waitForShutdown } from '../shutdown.js';

/**
 * `rasd telegram monitor`: the MTProto monitor as a service. It resolves (and joins) new watch
 * entries, catches up on what it missed since the last run, back-fills history from each chat's
 * checkpoint and follows new, edited and deleted messages live, until SIGINT/SIGTERM. On a
 * signal it finishes the page in hand and saves the update state. When Telegram revokes the
 * session while it runs, it stops and exits non-zero with the reason, so a service manager
 * (systemd `Restart=on-failure`) notices instead of a process that idles.
 */
export function registerTelegramMonitor(group: Command): void {
  group
    .command('monitor')
    .description('follow the watch list live with the saved session until stopped')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: CommonOptions) => {
      await using ctx = await createContext(configOverrides(options));
      requireTelegramSecrets(ctx, ['apiId', 'apiHash', 'sessionKey']);
      const monitor = await startTelegramMonitor(ctx, { log: ctx.log.ingest });
      process.stderr.write('rasd: telegram monitor running; Ctrl-C or SIGTERM stops it\n');
      const failure = await Promise.race([waitForShutdown().then(() => undefined), monitor.monitor.failed]);
      await monitor.stop();
      if (failure !== undefined) throw failure;
      process.stderr.write('rasd: telegram monitor stopped (update state saved)\n');
    });
}
