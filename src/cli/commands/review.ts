import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { createContext } from '../../app/index.js';
import { exportDecisions } from '../../review/cases/index.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface ExportOptions extends CommonOptions {
  out: string;
}

/** `rasd review`: reviewers' decisions leaving the review room. */
export function registerReview(program: Command): void {
  const review = program.command('review').description("reviewers' cases and decisions");
  review
    .command('export')
    .description('write decisions as labelled training JSONL (remove → tvec, keep → benign; escalations skipped)')
    .requiredOption('--out <file>', 'JSONL file to write, readable by `rasd train --data`')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: ExportOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const out = createWriteStream(options.out);
      let rows = 0;
      for await (const row of exportDecisions(ctx.store)) {
        if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
        rows += 1;
      }
      out.end();
      await once(out, 'finish');
      process.stdout.write(`exported ${rows} decisions → ${options.out}\n`);
    });
}
