import type { Command } from 'commander';
import { type NetworkFlags, printJson, printTable, withNetwork } from './network-output.js';

function minutesBetween(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
}

/** `rasd network campaigns`: the same media or text pushed to many chats within minutes. */
export function registerNetworkCampaigns(group: Command): void {
  group
    .command('campaigns')
    .description('fingerprints pushed to many chats within minutes: members, first poster, spread')
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: NetworkFlags) => {
      await withNetwork(options, (network) => {
        const campaigns = network.campaigns();
        if (options.json) return printJson({ campaigns });
        printTable(
          ['fingerprint', 'chats', 'first poster', 'start', 'minutes', 'members'],
          campaigns.map((c) => [
            c.fingerprint,
            c.members.length,
            c.firstPoster,
            c.start,
            minutesBetween(c.start, c.end),
            c.members.slice(0, 8).join(' '),
          ]),
        );
      });
    });
}
