import type { Command } from 'commander';
import { type NetworkFlags, printJson, printTable, withNetwork } from './network-output.js';

interface TrendFlags extends NetworkFlags {
  by: string;
  from?: string;
  to?: string;
}

const BY = ['org', 'language', 'none'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}/;

function checked(options: TrendFlags): { by: (typeof BY)[number]; from?: string; to?: string } {
  const by = BY.find((b) => b === options.by);
  if (by === undefined) throw new Error(`--by must be org, language or none, got "${options.by}"`);
  for (const [flag, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value !== undefined && !DAY.test(value)) throw new Error(`${flag} must be an ISO date, got "${value}"`);
  }
  return {
    by,
    ...(options.from !== undefined && { from: options.from }),
    ...(options.to !== undefined && { to: options.to }),
  };
}

/**
 * `rasd network trends`: evasion tactics over time, then creation bursts and surges, each day
 * given in the Gregorian and the Hijri (Umm al-Qura) calendar.
 */
export function registerNetworkTrends(group: Command): void {
  group
    .command('trends')
    .description('evasion tactics over time, creation bursts and surges near significant dates')
    .option('--by <what>', 'org, language or none', 'none')
    .option('--from <day>', 'first day (ISO date)')
    .option('--to <day>', 'last day (ISO date)')
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: TrendFlags) => {
      const query = checked(options);
      await withNetwork(options, (network) => {
        const trends = network.trends(query);
        if (options.json) return printJson(trends);
        const rows = trends.rows.map((row) => Object.values(row).map((v) => (typeof v === 'number' ? v : String(v))));
        printTable(Object.keys(trends.rows[0] ?? { day: '', tactic: '', count: 0 }), rows);
        process.stdout.write('\n');
        printTable(
          ['event', 'day', 'hijri', 'count', 'baseline', 'near'],
          [
            ...trends.bursts.map((b) => ['burst', b.day, b.hijri, b.newChats, b.baseline.toFixed(1), '']),
            ...trends.surges.map((s) => ['surge', s.day, s.hijri, s.count, s.baseline.toFixed(1), s.near ?? '']),
          ],
        );
      });
    });
}
