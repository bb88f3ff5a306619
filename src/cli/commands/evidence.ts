import type { Command } from 'commander';
import { createContext } from '../../app/index.js';
import { purgeEvidence } from '../../review/evidence/index.js';
import type { EvidenceSummary } from '../../storage/ports.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';

interface PurgeFlags extends CommonOptions {
  dryRun?: boolean;
  now?: string;
}

interface ListFlags extends CommonOptions {
  limit: number;
}

function parseInstant(value: string): Date {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`--now must be an ISO 8601 instant, got "${value}"`);
  return new Date(ms);
}

/** Ids, case, item key and dates only: evidence holds content, and content is never printed. */
function line(e: EvidenceSummary): string {
  return `#${e.id}\t${e.caseId}\t${e.itemKey}\tpreserved ${e.preservedAt}\tpurge after ${e.purgeAfter}\tmedia ${e.media}\n`;
}

/**
 * `rasd evidence`: what is kept of removed items (docs/evidence.md). `purge` deletes records
 * whose retention elapsed and audits the run; `--dry-run` only counts.
 */
export function registerEvidence(program: Command): void {
  const evidence = program.command('evidence').description('preserved evidence of removed items');
  evidence
    .command('list')
    .description('preserved records, oldest first (ids, keys and dates; never content)')
    .option('--limit <n>', 'records to show', parsePositive, 50)
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: ListFlags) => {
      await using ctx = await createContext(configOverrides(options), { readonly: true });
      const page = await ctx.store.listEvidence({ limit: options.limit });
      for (const record of page.rows) process.stdout.write(line(record));
      process.stdout.write(`${page.rows.length} records${page.next === undefined ? '' : ' (more: raise --limit)'}\n`);
    });
  evidence
    .command('purge')
    .description('delete records whose retention elapsed (audited); nothing else is deleted')
    .option('--dry-run', 'count what is due; delete nothing, audit nothing')
    .option('--now <iso>', 'judge expiry as of this instant (later than now only with --dry-run)')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: PurgeFlags) => {
      const asOf = options.now === undefined ? undefined : parseInstant(options.now);
      // A dry run audits nothing, so it opens the store read-only (no setting.change either).
      await using ctx = await createContext(configOverrides(options), { readonly: options.dryRun === true });
      const result = await purgeEvidence(ctx.store, {
        actor: cliActor(),
        dryRun: options.dryRun ?? false,
        ...(asOf !== undefined && { asOf }),
      });
      const due = result.due.length;
      if (result.dryRun) {
        process.stdout.write(`dry run: ${due} records due as of ${result.asOf}; nothing deleted\n`);
        return;
      }
      process.stdout.write(
        `purged ${result.deleted} of ${due} records due as of ${result.asOf}; audit entry #${result.audit?.seq}\n`,
      );
    });
}
