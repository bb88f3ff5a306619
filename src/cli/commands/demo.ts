import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterScanBatch, createContext, PACKAGE_ROOT } from '../../app/index.js';
import { newId } from '../../core/index.js';
import { startServer } from '../../http/index.js';
import { buildReport, parsePeriod, renderReport } from '../../reports/index.js';
import { scanSources } from '../../scan/index.js';
import { type CommonOptions, configOverrides, parsePort } from '../options.js';
import { printSummaryTable } from '../scan-output.js';
import { waitForShutdown } from '../shutdown.js';

/** The bundled sample: harmless rows (news, scripture, chat) and Rasd's own test markers. */
export const SAMPLE_EXPORT = join(PACKAGE_ROOT, 'examples', 'sample-export');
/** Every message of the sample is dated inside this quarter (see scripts/make-sample.ts). */
export const SAMPLE_QUARTER = '2024Q4';

interface DemoOptions extends CommonOptions {
  port?: number;
  serve: boolean;
  out: string;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('scan the bundled sample channel export, write the report, and serve the API')
    .option('--db <path>', 'SQLite file', './rasd-demo.db')
    .option('--out <dir>', 'where to write the html report', './rasd-demo')
    .option('--port <n>', 'port (default 8080 or RASD_HTTP_PORT)', parsePort)
    .option('--no-serve', 'scan and write the report, then exit')
    .action(async (options: DemoOptions) => {
      if (!existsSync(SAMPLE_EXPORT)) throw new Error(`the bundled sample is missing at ${SAMPLE_EXPORT}`);
      await using ctx = await createContext({
        ...configOverrides(options),
        ...(options.port !== undefined && { http: { port: options.port } }),
      });
      const runId = newId('run');
      const result = await scanSources({
        sources: [ctx.source(SAMPLE_EXPORT)],
        scanner: ctx.scanner,
        store: ctx.store,
        runId,
        batchSize: ctx.config.scan.batchSize,
        afterSave: afterScanBatch(ctx),
      });
      printSummaryTable({ ...result, runId });
      const period = parsePeriod({ quarter: SAMPLE_QUARTER });
      const report = await buildReport({ store: ctx.store, period, generatedAt: new Date().toISOString() });
      mkdirSync(options.out, { recursive: true });
      const reportPath = join(options.out, 'report.html');
      writeFileSync(reportPath, renderReport(report, 'html'));
      process.stdout.write(`report: ${reportPath}\n`);
      if (!options.serve) return;
      const server = await startServer(ctx, { host: ctx.config.http.host, port: ctx.config.http.port });
      process.stdout.write(
        `serving ${server.url}  (report: ${server.url}/v1/reports?quarter=${SAMPLE_QUARTER}&format=html)\n`,
      );
      await waitForShutdown();
      await server.close();
    });
}
