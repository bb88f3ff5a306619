import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { splitRows, trainingRowSchema } from '../../detect/text/classifier/index.js';
import { readJsonlRows } from '../jsonl-rows.js';

interface SplitOptions {
  data: string;
  out: string;
  devFraction: string;
  seed: string;
}

/** Carves a dev split by group (account, sura, hadith book, outlet), never by row. */
export function registerSplit(program: Command): void {
  program
    .command('split')
    .description('split labelled rows into train.jsonl and dev.jsonl by group')
    .requiredOption('--data <file>', 'labelled rows, JSONL')
    .requiredOption('--out <dir>', 'folder for train.jsonl and dev.jsonl')
    .option('--dev-fraction <x>', 'share of groups held out', '0.15')
    .option('--seed <n>', 'split seed', '7')
    .action(async (options: SplitOptions) => {
      const fraction = Number(options.devFraction);
      if (!(fraction > 0 && fraction < 1)) throw new Error('--dev-fraction must be between 0 and 1');
      const { rows } = await readJsonlRows(options.data, (v) => trainingRowSchema.parse(v));
      const { rest, held } = splitRows(rows, fraction, Number(options.seed));
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'train.jsonl'), rest.map((r) => JSON.stringify(r)).join('\n') + '\n');
      writeFileSync(join(options.out, 'dev.jsonl'), held.map((r) => JSON.stringify(r)).join('\n') + '\n');
      process.stdout.write(`train ${rest.length} rows, dev ${held.length} rows → ${options.out}\n`);
    });
}
