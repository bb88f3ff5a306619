import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createTextPath, DEFAULT_WEAK_LABELS, MODEL_FILE, MODEL_VERSION } from '../../app/index.js';
import {
  DEFAULT_FEATURES,
  DEFAULT_WEAK_CLEANING,
  QUALITY_WEIGHTS,
  type Quality,
  trainingRowSchema,
  trainTextModel,
  type WeakLabelMode,
} from '../../detect/text/classifier/index.js';
import { readJsonlRows } from '../jsonl-rows.js';
import { parsePositive } from '../options.js';

interface TrainOptions {
  data: string;
  out: string;
  seed?: number;
  modelVersion?: string;
  weakLabels: WeakLabelMode;
  dropBelow?: number;
  qualityWeights?: Record<Quality, number>;
  l2?: number;
  epochs?: number;
  featureBits?: number;
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
    .addOption(
      new Option(
        '--weak-labels <mode>',
        'account-level weak labels: keep them all, clean them by cross-fitting, or vet them with a teacher trained on row-labelled data',
      )
        .choices(['keep', 'clean', 'vet'])
        .default(DEFAULT_WEAK_LABELS),
    )
    .option('--drop-below <p>', 'with --weak-labels clean: distrust weak positives scored below this', parseProbability)
    .option(
      '--quality-weights <list>',
      'row weight by label quality, e.g. gold=3,silver=3,weak=1,source=1',
      parseQualityWeights,
    )
    .option('--l2 <x>', 'L2 regularisation strength (default 1e-6)', parseNonNegative)
    .option('--epochs <n>', 'passes over the data (default 6)', parsePositive)
    .option('--feature-bits <n>', 'log2 of the hashed feature buckets (default 18)', parsePositive)
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
        weakLabels: options.weakLabels,
        weakCleaning: {
          ...DEFAULT_WEAK_CLEANING,
          ...(options.dropBelow !== undefined && { dropBelow: options.dropBelow }),
        },
        qualityWeights: options.qualityWeights ?? QUALITY_WEIGHTS,
        ...(options.l2 !== undefined && { l2: options.l2 }),
        ...(options.epochs !== undefined && { epochs: options.epochs }),
        ...(options.featureBits !== undefined && { features: { ...DEFAULT_FEATURES, bits: options.featureBits } }),
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

function parseNonNegative(value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return x;
}

function parseProbability(value: string): number {
  const p = Number(value);
  if (!(p > 0 && p < 1)) throw new InvalidArgumentError('expected a number between 0 and 1, e.g. 0.5');
  return p;
}

function parseQualityWeights(list: string): Record<Quality, number> {
  const weights = { ...QUALITY_WEIGHTS };
  for (const part of list.split(',').filter(Boolean)) {
    const [key, value] = part.split('=');
    const w = Number(value);
    if (!key || !(key in weights) || !(w >= 0))
      throw new InvalidArgumentError(`--quality-weights: "${part}" is not quality=weight (gold, silver, weak, source)`);
    weights[key as Quality] = w;
  }
  return weights;
}
