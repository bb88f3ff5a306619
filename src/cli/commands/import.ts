import type { Command } from 'commander';
import { createContext, importSources } from '../../app/index.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface ImportOptions extends CommonOptions {
  json?: boolean;
}

/**
 * `rasd import <export-or-jsonl>…`: publishes the items to the work queue for `rasd worker`s;
 * channel facts go to the store. Re-importing publishes nothing new (the queue drops item
 * versions it has, and workers skip versions already assessed).
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('publish items from exports or JSONL to the work queue (RASD_BUS_URL) for rasd worker')
    .argument('<sources...>', 'Telegram export folders or result.json files, or JSONL files of Items')
    .option('--json', 'print the summary as JSON')
    .option('--db <path>', 'database for channel facts (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (sources: string[], options: ImportOptions) => {
      await using ctx = await createContext(configOverrides(options));
      if (ctx.config.bus.url === 'memory') {
        throw new Error(
          'rasd import publishes to a shared queue: set RASD_BUS_URL=nats://… (or scan here with rasd scan)',
        );
      }
      const summary = await importSources(
        ctx,
        sources.map((path) => ctx.source(path)),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return;
      }
      process.stdout.write(
        `published ${summary.published} items (${summary.duplicates} already queued), ` +
          `${summary.channels} channels, ${summary.channelEvents} channel events, ${summary.errors.length} errors\n`,
      );
      for (const error of summary.errors.slice(0, 20)) {
        process.stdout.write(`  ${error.record}: ${error.code}: ${error.message}\n`);
      }
    });
}
