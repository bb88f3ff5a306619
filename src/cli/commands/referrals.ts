import type { Command } from 'commander';
import { buildDueBatches, referralBatchToCsv, referralBatchToJson } from '../../actions/index.js';
import { createContext } from '../../app/index.js';
import { appendAudit } from '../../review/audit-log.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';

interface BuildFlags extends CommonOptions {
  intervalMinutes: number;
}

interface ExportFlags extends CommonOptions {
  format: string;
}

/**
 * `rasd referrals`: removal decisions batched per platform (docs/actions.md). `build` saves the
 * batches whose window has closed, one audit entry per batch; `export` prints a saved batch.
 */
export function registerReferrals(program: Command): void {
  const referrals = program.command('referrals').description('referral batches of removal decisions');
  referrals
    .command('build')
    .description('build and save the referral batches whose window has closed (audited)')
    .option('--interval-minutes <n>', 'batch window length', parsePositive, 60)
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: BuildFlags) => {
      await using ctx = await createContext(configOverrides(options));
      const now = new Date();
      const batches = await buildDueBatches(ctx.store, { intervalMs: options.intervalMinutes * 60_000, now });
      for (const batch of batches) {
        await appendAudit(ctx.store, {
          actor: cliActor(),
          action: 'referral.batch',
          target: batch.batchId,
          reason: `referral batch for ${batch.platform} built`,
          details: { platform: batch.platform, items: batch.itemCount, windowStart: batch.windowStart },
        });
        process.stdout.write(`${batch.batchId}\t${batch.platform}\t${batch.itemCount} items\n`);
      }
      process.stdout.write(`${batches.length} batches built\n`);
    });
  referrals
    .command('export')
    .description('print a saved referral batch (links and hashes only)')
    .argument('<batch>', 'batch id')
    .option('--format <format>', 'json or csv', 'json')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (batchId: string, options: ExportFlags) => {
      if (options.format !== 'json' && options.format !== 'csv') {
        throw new Error(`--format must be json or csv, got "${options.format}"`);
      }
      await using ctx = await createContext(configOverrides(options), { readonly: true });
      const batch = await ctx.store.getReferralBatch(batchId);
      if (batch === undefined) throw new Error(`no referral batch "${batchId}"`);
      process.stdout.write(options.format === 'csv' ? referralBatchToCsv(batch) : referralBatchToJson(batch));
    });
}
