import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createTextPath, MODEL_FILE, MODEL_VERSION } from '../../app/index.js';
import { trainingRowSchema, trainTextModel } from '../../detect/text/classifier/index.js';
import { readJsonlRows } from '../jsonl-rows.js';
import { parsePositive } from '../options.js';

interface TrainOptions {
  data: string;
  out: string;
  seed?: number;
  modelVersion?: string;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train the text classifier on labelled JSONL rows (id, text, label, category, lang, source, group, quality)',
    )
    .requiredOption('--data <file>', 'training rows, JSONL')
    .requiredOption('--out <dir>', 'where to write the model')
    .option('--seed <n>', 'random seed (same data and seed give the same model bytes)', parsePositive)
    .option('--model-version <v>', 'model version to record', MODEL_VERSION)
    .action(async (options: TrainOptions) => {
      const { rows, errors } = await readJsonlRows(options.data, (v) => trainingRowSchema.parse(v));
      if (rows.length === 0) throw new Error(`no usable rows in ${options.data}`);
      const path = createTextPath({ modelPath: null });
      const dataHash = createHash('sha256').update(readFileSync(options.data)).digest('hex');
      const model = trainTextModel(rows, {
        version: options.modelVersion ?? MODEL_VERSION,
        normalizer: path.normalizerVersion,
        normalize: path.normalizeText,
        ...(options.seed !== undefined && { seed: options.seed }),
        facts: { data: { sha256: dataHash, rows: rows.length, skipped: errors.length } },
      });
      mkdirSync(options.out, { recursive: true });
      const bytes = model.toBytes();
      writeFileSync(join(options.out, MODEL_FILE), bytes);
      writeFileSync(join(options.out, 'model.json'), `${JSON.stringify(model.meta, null, 2)}\n`);
      process.stdout.write(
        `trained ${model.meta.version} on ${rows.length} rows (${errors.length} skipped) → ${join(options.out, MODEL_FILE)} (${(bytes.length / 1_048_576).toFixed(2)} MB, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)})\n`,
      );
      for (const e of errors.slice(0, 10)) process.stderr.write(`${e.record}: ${e.message}\n`);
    });
}
