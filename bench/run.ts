/**
 * Rasd's benchmarks. Each prints its figure next to a baseline measured in the same run, so the
 * ratio means something on a shared, noisy machine; goals are checked here, never in tests.
 *   npm run bench                 # 20k and 100k messages
 *   npm run bench -- --sizes 100000,1000000
 *   npm run bench -- --only-text --texts dev.jsonl   # the text path on a file's real messages
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { readWithRasdScanner, readWithStreamJson } from './read-only.js';
import { benchSqliteSave } from './sqlite-save.js';
import { writeSyntheticExport } from './synthetic-export.js';
import { benchTextPath, textsFromJsonl } from './text-path.js';

interface ChildResult {
  items: number;
  seconds: number;
  itemsPerSecond: number;
  maxRssMb: number;
}

const CHILD = fileURLToPath(new URL('./pipeline-child.js', import.meta.url));
const GOAL_ITEMS_PER_SECOND = 20_000;

type Variant = 'streaming' | 'naive' | 'streaming-no-network';

function runChild(variant: Variant, file: string, dir: string): ChildResult {
  const db = join(dir, `${variant}-${Date.now()}.db`);
  const out = execFileSync(process.execPath, [CHILD, variant, file, db], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(db, { force: true });
  return JSON.parse(out.trim().split('\n').pop() as string) as ChildResult;
}

function parseSizes(argv: string[]): number[] {
  const at = argv.indexOf('--sizes');
  const raw = at >= 0 ? argv[at + 1] : '20000,100000';
  return (raw ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const GOAL_TEXT_PER_CORE = 20_000;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (!argv.includes('--only-export')) printTextPath(argv);
  if (argv.includes('--only-text')) return;
  const sizes = parseSizes(argv);
  const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-'));
  const pipeline = new Table({ head: ['messages', 'export MB', 'variant', 'items/s', 'peak RSS MB'] });
  const results = new Map<string, ChildResult>();
  const reads = new Table({ head: ['messages', 'reader', 'messages/s', 'MB/s'] });
  try {
    for (const size of sizes) {
      const file = join(dir, `export-${size}.json`);
      const bytes = writeSyntheticExport(file, size);
      const mb = bytes / 1_048_576;
      for (const variant of ['streaming', 'naive', 'streaming-no-network'] as const) {
        const r = runChild(variant, file, dir);
        results.set(`${variant}/${size}`, r);
        pipeline.push([fmt(size), fmt(mb, 1), variant, fmt(r.itemsPerSecond), fmt(r.maxRssMb, 1)]);
      }
      for (const [name, read] of [
        ['rasd json scanner', readWithRasdScanner],
        ['stream-json (baseline)', readWithStreamJson],
      ] as const) {
        const r = await read(file);
        reads.push([fmt(size), name, fmt(r.messages / r.seconds), fmt(statSync(file).size / 1_048_576 / r.seconds, 1)]);
        results.set(`${name}/${size}`, {
          items: r.messages,
          seconds: r.seconds,
          itemsPerSecond: r.messages / r.seconds,
          maxRssMb: 0,
        });
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nread + scan + store a Telegram export (embedded default: SQLite file, one process)\n${pipeline.toString()}\n`,
  );
  process.stdout.write(`\nreading only: pull every message out of result.json\n${reads.toString()}\n`);
  const sqlite = await benchSqliteSave(100_000);
  process.stdout.write(`\nSQLite saveBatch alone (100k items, batches of 2000): ${fmt(sqlite)} items/s\n`);
  printRatios(results, sizes);
}

function printTextPath(argv: string[]): void {
  const at = argv.indexOf('--texts');
  const file = at >= 0 ? argv[at + 1] : undefined;
  const { rasd, baseline, n, meanChars } = benchTextPath(20_000, file ? textsFromJsonl(file) : undefined);
  process.stdout.write(
    `\ntext path on one core (normalise + lexicon + classifier + links + tactics + 10k-entry text bank + policy)\n` +
      `  messages: ${fmt(n)} ${file ? `from ${file}` : 'synthetic'}, mean ${fmt(meanChars)} characters\n` +
      `  rasd: ${fmt(rasd)} messages/s (goal ≥ ${fmt(GOAL_TEXT_PER_CORE)}: ${rasd >= GOAL_TEXT_PER_CORE ? 'met' : 'NOT met'})\n` +
      `  baseline, one keyword regex of all lexicon terms on raw text: ${fmt(baseline)} messages/s\n` +
      `  ratio rasd / baseline: ${fmt(rasd / baseline, 3)}×\n`,
  );
}

function printRatios(results: Map<string, ChildResult>, sizes: number[]): void {
  const big = Math.max(...sizes);
  const small = Math.min(...sizes);
  const s = results.get(`streaming/${big}`);
  const n = results.get(`naive/${big}`);
  const sSmall = results.get(`streaming/${small}`);
  const nSmall = results.get(`naive/${small}`);
  const scanner = results.get(`rasd json scanner/${big}`);
  const streamJson = results.get(`stream-json (baseline)/${big}`);
  const offline = results.get(`streaming-no-network/${big}`);
  if (!s || !n || !sSmall || !nSmall || !scanner || !streamJson || !offline) return;
  const lines = [
    `items/s at ${fmt(big)}: ${fmt(s.itemsPerSecond)} (goal ≥ ${fmt(GOAL_ITEMS_PER_SECOND)}: ${s.itemsPerSecond >= GOAL_ITEMS_PER_SECOND ? 'met' : 'NOT met'})`,
    `throughput ratio streaming / naive whole-file baseline: ${fmt(s.itemsPerSecond / n.itemsPerSecond, 2)}×`,
    `peak memory growth ${fmt(small)} → ${fmt(big)} messages: streaming ${fmt(s.maxRssMb / sSmall.maxRssMb, 2)}×, naive ${fmt(n.maxRssMb / nSmall.maxRssMb, 2)}× (flat = 1.00×)`,
    `peak memory ratio at ${fmt(big)}: streaming / naive = ${fmt(s.maxRssMb / n.maxRssMb, 2)}×`,
    `reading ratio rasd json scanner / stream-json: ${fmt(scanner.itemsPerSecond / streamJson.itemsPerSecond, 2)}×`,
    `live channel network (lineage at scan time) / network off the scan path: ${fmt(s.itemsPerSecond / offline.itemsPerSecond, 2)}× (${fmt(offline.itemsPerSecond)} items/s with it off)`,
  ];
  process.stdout.write(`\nratios\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

await main();
