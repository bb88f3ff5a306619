import type { Command } from 'commander';
import { evaluateNetwork, type NetworkScores } from '../../app/index.js';
import { registerNetworkBeacons } from './network-beacons.js';
import { registerNetworkCampaigns } from './network-campaigns.js';
import { registerNetworkClose } from './network-close.js';
import { registerNetworkGraph } from './network-graph.js';
import { registerNetworkLineage } from './network-lineage.js';
import { registerNetworkTrends } from './network-trends.js';

/**
 * `rasd network …`: the channel-network commands (issue 7). This file owns the group and the
 * `bench` subcommand; the others (`lineage`, `beacons`, `campaigns`, `trends`, `close`, `graph`)
 * live in their own files and attach themselves to the group below.
 */
export function registerNetwork(program: Command): Command {
  const group = program.command('network').description('channel networks: lineage, beacons, campaigns, trends');
  registerNetworkBench(group);
  registerNetworkLineage(group);
  registerNetworkBeacons(group);
  registerNetworkCampaigns(group);
  registerNetworkTrends(group);
  registerNetworkClose(group);
  registerNetworkGraph(group);
  return group;
}

/**
 * Default world size: the million posts the issue asks the update time at. Measured on the 2-core
 * dev machine: about 36 s and 650 MB peak RSS for the whole run (docs/network.md).
 */
export const BENCH_DEFAULT_ITEMS = 1_000_000;

interface BenchOptions {
  seed: string;
  items?: string;
  hard?: boolean;
  json?: boolean;
}

/** Figures in the order they are printed; the JSON object has exactly these keys. */
export const BENCH_KEYS = [
  'lineageTop1Recall',
  'lineageTop5Recall',
  'lineagePrecision',
  'beaconPrecision',
  'beaconRecall',
  'campaignPrecision',
  'campaignRecall',
  'updateMsPerItem',
  'items',
  'chats',
  'nodes',
  'edges',
  'rssMb',
] as const satisfies readonly (keyof NetworkScores)[];

export function registerNetworkBench(group: Command): void {
  group
    .command('bench')
    .description('score lineage, beacon and campaign detection on a synthetic network with known answers')
    .option('--seed <n>', 'generator seed', '1')
    .option('--items <n>', `posts in the synthetic world (default ${BENCH_DEFAULT_ITEMS})`)
    .option('--hard', 'the harder world: fewer reposts, new avatars, later successors, slower campaigns')
    .option('--json', 'print one JSON object')
    .action((options: BenchOptions) => {
      const seed = wholeNumber(options.seed, '--seed', 0);
      const items = options.items === undefined ? BENCH_DEFAULT_ITEMS : wholeNumber(options.items, '--items', 1);
      const scores = evaluateNetwork(
        { seed, items, hardness: options.hard ? 'hard' : 'default' },
        { rssMb: () => process.memoryUsage().rss / 1_048_576 },
      );
      const figures = Object.fromEntries(BENCH_KEYS.map((k) => [k, scores[k]]));
      if (options.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
      else process.stdout.write(table(scores));
    });
}

function wholeNumber(raw: string, flag: string, min: number): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}`);
  return n;
}

function table(scores: NetworkScores): string {
  const width = Math.max(...BENCH_KEYS.map((k) => k.length));
  const show = (k: (typeof BENCH_KEYS)[number]): string => {
    const v = scores[k];
    if (Number.isInteger(v)) return String(v);
    return k === 'updateMsPerItem' ? v.toFixed(4) : v.toFixed(3);
  };
  return `${BENCH_KEYS.map((k) => `${k.padEnd(width)}  ${show(k)}`).join('\n')}\n`;
}
