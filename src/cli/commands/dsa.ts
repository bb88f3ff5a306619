import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { dsaPolicyFromSettings, dsaStatementBatches, dsaStatementsForPeriod } from '../../actions/index.js';
import { createContext } from '../../app/index.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface ExportFlags extends CommonOptions {
  from?: string;
  to?: string;
  out?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(value: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new Error(`expected a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** `name.json` → `name-2.json`: one file per batch when one is not enough. */
export function batchFileName(out: string, index: number): string {
  const dot = out.lastIndexOf('.');
  const slash = out.lastIndexOf('/');
  return dot > slash + 1 ? `${out.slice(0, dot)}-${index}${out.slice(dot)}` : `${out}-${index}`;
}

/**
 * `rasd dsa export`: the DSA statements of reasons of every removal decided in a period (UTC
 * days, both inclusive), as `{"statements": [...]}` bodies of at most 100, which is what the
 * Transparency Database's `POST /api/v1/statements` takes. Without `--out`, one body per line.
 */
export function registerDsa(program: Command): void {
  const dsa = program.command('dsa').description('EU DSA statements of reasons for removal decisions');
  dsa
    .command('export')
    .description('write the statements of the removals decided in a period, in batches of ≤ 100')
    .option('--from <date>', 'first UTC day of decisions (YYYY-MM-DD)', parseDay)
    .option('--to <date>', 'last UTC day of decisions, inclusive (YYYY-MM-DD)', parseDay)
    .option('--out <file>', 'JSON file; more than 100 statements make FILE-1.json, FILE-2.json…')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: ExportFlags) => {
      await using ctx = await createContext(configOverrides(options), { readonly: true });
      const policy = dsaPolicyFromSettings(ctx.config.dsa);
      const to =
        options.to === undefined
          ? undefined
          : new Date(Date.parse(`${options.to}T00:00:00Z`) + 86_400_000).toISOString();
      const { statements, refused } = await dsaStatementsForPeriod(ctx.store, policy, {
        ...(options.from !== undefined && { from: `${options.from}T00:00:00.000Z` }),
        ...(to !== undefined && { to }),
      });
      // Which removals could not be stated and why; a reason names fields, never content.
      for (const r of refused) process.stderr.write(`refused ${r.caseId}: ${r.reason}\n`);
      const batches = dsaStatementBatches(statements);
      if (options.out === undefined) {
        for (const batch of batches) process.stdout.write(`${JSON.stringify(batch)}\n`);
        return;
      }
      const out = options.out;
      const files = batches.length === 1 ? [out] : batches.map((_, i) => batchFileName(out, i + 1));
      for (const [i, batch] of batches.entries())
        writeFileSync(files[i] as string, `${JSON.stringify(batch, null, 2)}\n`);
      process.stdout.write(
        `${statements.length} statements in ${files.length} file${files.length === 1 ? '' : 's'}${files.length ? `: ${files.join(' ')}` : ''}` +
          `${refused.length ? `; ${refused.length} refused` : ''}\n`,
      );
    });
}
