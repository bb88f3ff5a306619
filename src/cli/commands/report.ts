import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createContext } from '../../app/index.js';
import { buildReport, parsePeriod, REPORT_FORMATS, type ReportFormat, renderReport } from '../../reports/index.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface ReportOptions extends CommonOptions {
  quarter?: string;
  from?: string;
  to?: string;
  format: ReportFormat;
  out?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('items scanned and flagged by day, category, organisation and channel')
    .option('--quarter <q>', 'a quarter such as 2024Q4')
    .option('--from <date>', 'first day (YYYY-MM-DD or ISO time)')
    .option('--to <date>', 'last day, inclusive (YYYY-MM-DD) or exclusive ISO time')
    .option('--format <format>', `one of ${REPORT_FORMATS.join(', ')}`, 'json')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: ReportOptions) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) {
        throw new Error(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
      }
      const period = parsePeriod({
        ...(options.quarter !== undefined && { quarter: options.quarter }),
        ...(options.from !== undefined && { from: options.from }),
        ...(options.to !== undefined && { to: options.to }),
      });
      await using ctx = await createContext(configOverrides(options), { readonly: true });
      const report = await buildReport({ store: ctx.store, period, generatedAt: new Date().toISOString() });
      const text = renderReport(report, options.format);
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
}
