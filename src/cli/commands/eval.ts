import type { Command } from 'commander';
import { createTextPath } from '../../app/index.js';
import { trainingRowSchema } from '../../detect/text/classifier/index.js';
import { type EvalReport, type EvalRow, evaluateRows, obfuscatedRecall, scanVerdicts } from '../../scan/index.js';
import { readJsonlRows } from '../jsonl-rows.js';

interface EvalOptions {
  data: string;
  model?: string;
  json?: boolean;
  obfuscated?: boolean;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'run labelled rows through the whole text path and report precision, recall, F1 and false-positive rates',
    )
    .requiredOption('--data <file>', "labelled rows, JSONL (only each row's text is scanned)")
    .option('--model <dir>', 'model folder (default: the shipped model)')
    .option('--json', 'print one JSON object')
    .option('--obfuscated', 'also score obfuscated copies of the TVEC rows, by tactic')
    .action(async (options: EvalOptions) => {
      const { rows, errors } = await readJsonlRows(options.data, (v) => trainingRowSchema.parse(v));
      if (rows.length === 0) throw new Error(`no usable rows in ${options.data}`);
      const path = createTextPath(options.model ? { modelPath: options.model } : {});
      const evalRows: EvalRow[] = rows.map((r) => ({
        text: r.text,
        label: r.label,
        lang: r.lang,
        source: r.source,
        category: r.category,
      }));
      const report: EvalReport & { obfuscated?: unknown; skipped?: number } = await evaluateRows(
        evalRows,
        path.scanner,
      );
      if (options.obfuscated)
        report.obfuscated = await obfuscatedRecall(evalRows, (rows) => scanVerdicts(rows, path.scanner));
      if (errors.length > 0) report.skipped = errors.length;
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else printReport(report);
    });
}

function printReport(report: EvalReport & { obfuscated?: unknown }): void {
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
  const out: string[] = [
    `rows ${report.n}: precision ${pct(report.precision)}  recall ${pct(report.recall)}  F1 ${pct(report.f1)}`,
    `violating only: precision ${pct(report.violating.precision)}  recall ${pct(report.violating.recall)}  F1 ${pct(report.violating.f1)}`,
  ];
  for (const [name, slice] of [
    ['language', report.byLang],
    ['source', report.bySource],
    ['category', report.byCategory],
  ] as const) {
    out.push(`by ${name}:`);
    for (const [key, r] of Object.entries(slice))
      out.push(
        `  ${key.padEnd(28)} n=${String(r.n).padStart(6)}  recall ${pct(r.recall).padStart(8)}  fpr ${pct(r.fpr).padStart(8)}`,
      );
  }
  if (report.obfuscated) out.push(`obfuscated copies: ${JSON.stringify(report.obfuscated)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
