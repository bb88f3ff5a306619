import type { Command } from 'commander';
import { createContext, requeueDryRunActions } from '../../app/index.js';
import { invalidInput } from '../../core/index.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';

interface RequeueFlags extends CommonOptions {
  since?: string;
  limit: number;
  reason?: string;
}

/**
 * `rasd telegram requeue-dry-run`: after a dry run, sets the actions it recorded back to
 * requested, so the bot (now without --dry-run) carries them out at its next pass. Audited.
 */
export function registerTelegramRequeue(group: Command): void {
  group
    .command('requeue-dry-run')
    .description('set dry-run actions back to requested, so the bot carries them out (audited)')
    .option('--since <time>', 'only actions requested at or after this ISO 8601 time')
    .option('--limit <n>', 'actions set back in this run, oldest request first', parsePositive, 1000)
    .option('--reason <text>', 'why, for the audit log')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: RequeueFlags) => {
      const since = options.since === undefined ? undefined : isoTime(options.since);
      await using ctx = await createContext(configOverrides(options));
      const ids = await requeueDryRunActions(ctx.store, {
        actor: cliActor(),
        limit: options.limit,
        ...(since !== undefined && { since }),
        ...(options.reason !== undefined && { reason: options.reason }),
      });
      for (const id of ids) process.stdout.write(`${id}\trequested\n`);
      process.stderr.write(
        `rasd: ${ids.length} dry-run action(s) requested again; a running bot without --dry-run carries them out\n`,
      );
    });
}

function isoTime(raw: string): string {
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
    throw invalidInput(`--since "${raw.slice(0, 40)}" is not an ISO 8601 time, e.g. 2026-05-01T00:00:00Z`);
  }
  return new Date(ms).toISOString();
}
