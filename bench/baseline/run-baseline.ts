/**
 * Trains the generic baseline (TF-IDF character n-grams + linear SVM) on a training file and
 * scores a dev file exactly as `rasd eval --obfuscated` scores Rasd: the same rows, the same
 * report, the same obfuscated copies of the TVEC rows. Prints one JSON object.
 *
 *   npm run baseline -- --train train.jsonl --dev dev.jsonl [--json] [--loss hinge] [--c 1]
 *
 * Progress and timings go to stderr; stdout carries only the report.
 */
import { parseArgs } from 'node:util';
import { readJsonlRows } from '../../src/cli/jsonl-rows.js';
import type { Verdict } from '../../src/core/index.js';
import { type TrainingRow, trainingRowSchema } from '../../src/detect/text/classifier/index.js';
import { type EvalReport, type EvalRow, obfuscatedRecall, reportFrom } from '../../src/scan/index.js';
import { type SvmOptions, TfidfSvm } from './tfidf-svm.js';

interface Args {
  train: string;
  dev: string;
  svm: Partial<SvmOptions>;
}

function parseCli(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      train: { type: 'string' },
      dev: { type: 'string' },
      // The report is always JSON; the flag is accepted so the call reads like `rasd eval --json`.
      json: { type: 'boolean' },
      loss: { type: 'string' },
      c: { type: 'string' },
    },
  });
  if (!values.train || !values.dev) throw new Error('usage: run-baseline --train <jsonl> --dev <jsonl> [--json]');
  const svm: Partial<SvmOptions> = {};
  if (values.loss === 'hinge' || values.loss === 'squared_hinge') svm.loss = values.loss;
  else if (values.loss !== undefined) throw new Error('--loss must be hinge or squared_hinge');
  if (values.c !== undefined) svm.c = Number(values.c);
  return { train: values.train, dev: values.dev, svm };
}

const log = (message: string) => process.stderr.write(`baseline: ${message}\n`);

async function readRows(path: string): Promise<{ rows: TrainingRow[]; skipped: number }> {
  const { rows, errors } = await readJsonlRows(path, (v) => trainingRowSchema.parse(v));
  if (rows.length === 0) throw new Error(`no usable rows in ${path}`);
  return { rows, skipped: errors.length };
}

/** The same fields `rasd eval` keeps, so the slices match its report. */
const toEvalRow = (r: TrainingRow): EvalRow => ({
  text: r.text,
  label: r.label,
  lang: r.lang,
  source: r.source,
  category: r.category,
});

/** A flagged row is reported the way the scanner reports a confident hit. */
const verdictOf = (model: TfidfSvm, text: string): Verdict => (model.predict(text) ? 'violating' : 'clear');

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2));
  const train = await readRows(args.train);
  const dev = await readRows(args.dev);
  log(`training on ${train.rows.length} rows`);

  const started = performance.now();
  const model = new TfidfSvm({}, args.svm);
  const fitted = model.fit(
    train.rows.map((r) => r.text),
    train.rows.map((r) => r.label === 'tvec'),
  );
  const trainSeconds = (performance.now() - started) / 1000;
  log(
    `trained in ${trainSeconds.toFixed(1)} s: ${model.vectorizer.dimension} features, ${fitted.epochs} passes, converged ${fitted.converged}`,
  );

  const rows = dev.rows.map(toEvalRow);
  const report: EvalReport & { obfuscated?: unknown; skipped?: number; model?: unknown } = reportFrom(
    rows,
    rows.map((r) => verdictOf(model, r.text)),
  );
  report.obfuscated = await obfuscatedRecall(rows, (rs) => rs.map((r) => verdictOf(model, r.text)));
  if (dev.skipped > 0) report.skipped = dev.skipped;
  report.model = {
    kind: 'tfidf-char_wb-2-5+linear-svm',
    loss: args.svm.loss ?? 'squared_hinge',
    c: args.svm.c ?? 1,
    trainRows: train.rows.length,
    trainSkipped: train.skipped,
    features: model.vectorizer.dimension,
    epochs: fitted.epochs,
    converged: fitted.converged,
    trainSeconds: Math.round(trainSeconds * 10) / 10,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
