import type { Command } from 'commander';
import { afterScanBatch, createContext } from '../../app/index.js';
import { newId } from '../../core/index.js';
import { type ScanSourcesResult, scanSources } from '../../scan/index.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';
import { createProgress } from '../progress.js';
import { printSummaryTable, scanSummaryJson } from '../scan-output.js';

interface ScanOptions extends CommonOptions {
  json?: boolean;
  batchSize?: number;
  progress?: boolean;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('scan Telegram exports (folder or result.json) and JSONL item files')
    .argument('<sources...>', 'export folders, result.json files or .jsonl files')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .option('--json', 'print one JSON summary object instead of a table')
    .option('--batch-size <n>', 'items per transaction', parsePositive)
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (sources: string[], options: ScanOptions) => {
      const result = await runScan(sources, options);
      if (options.json) process.stdout.write(`${JSON.stringify(scanSummaryJson(result))}\n`);
      else printSummaryTable(result);
      if (result.readableSources === 0) {
        const first = result.summary.errors[0];
        throw new Error(`nothing could be read${first ? `: ${first.message}` : ''}`);
      }
    });
}

export async function runScan(sources: string[], options: ScanOptions): Promise<ScanSourcesResult & { runId: string }> {
  await using ctx = await createContext({
    ...configOverrides(options),
    ...(options.batchSize && { scan: { batchSize: options.batchSize } }),
  });
  const runId = newId('run');
  const progress = createProgress(options.progress !== false && !options.json && process.stderr.isTTY === true);
  try {
    const result = await scanSources({
      sources: sources.map((path) => ctx.source(path)),
      scanner: ctx.scanner,
      store: ctx.store,
      runId,
      batchSize: ctx.config.scan.batchSize,
      afterSave: afterScanBatch(ctx),
      onProgress: progress.update,
    });
    ctx.log.scan.info({ runId, items: result.summary.items, errors: result.summary.errors.length }, 'scan.completed');
    return { ...result, runId };
  } finally {
    progress.stop();
  }
}
