import type { Command } from 'commander';
import { type NetworkFlags, printJson, printTable, score, withNetwork } from './network-output.js';

/** `rasd network beacons`: chats that mostly post invite links or redirections, and backup announcers. */
export function registerNetworkBeacons(group: Command): void {
  group
    .command('beacons')
    .description('beacon chats (mostly invite links) and chats announcing backups')
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: NetworkFlags) => {
      await withNetwork(options, (network) => {
        const findings = network.beacons();
        if (options.json) return printJson({ findings });
        printTable(
          ['node', 'kind', 'share', 'posts', 'targets'],
          findings.map((f) => [f.node, f.kind, score(f.share), f.posts, f.targets.slice(0, 5).join(' ')]),
        );
      });
    });
}
