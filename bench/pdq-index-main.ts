/**
 * Prints the PDQ index figures (see `pdq-index.ts`).
 *   node dist/bench/pdq-index-main.js                          # 10 M random + 1 M clustered
 *   node dist/bench/pdq-index-main.js --random 1000000 --clustered 100000 --chunks 10
 */
import { benchPdqIndex, printPdqIndex } from './pdq-index.js';

function option(argv: string[], name: string): number | undefined {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const log = (line: string) => process.stderr.write(`pdq-index: ${line}\n`);
  const reports = benchPdqIndex({
    random: option(argv, 'random'),
    clustered: option(argv, 'clustered'),
    lookups: option(argv, 'lookups'),
    agreement: option(argv, 'agreement'),
    chunks: option(argv, 'chunks'),
    log,
  });
  printPdqIndex(reports);
}

await main();
