import type { Command } from 'commander';
import { cliActor } from '../cli-actor.js';
import { type NetworkFlags, printJson, withNetwork } from './network-output.js';

interface CloseFlags extends NetworkFlags {
  at?: string;
  note?: string;
  platform: string;
}

/**
 * `rasd network close <chat>`: records by hand that a chat was closed (the platform removed it),
 * so its successors are looked for; prints the node and whether the closure was new.
 */
export function registerNetworkClose(group: Command): void {
  group
    .command('close')
    .description('record that a chat was closed, so its successors are looked for')
    .argument('<chat>', 'a chat id, @handle or node id')
    .option('--at <time>', 'ISO time of the closure (default now)')
    .option('--note <text>', 'why, or where the closure was seen')
    .option('--platform <name>', 'the platform', 'telegram')
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (chat: string, options: CloseFlags) => {
      if (options.at !== undefined && Number.isNaN(Date.parse(options.at))) {
        throw new Error(`--at must be an ISO time, got "${options.at}"`);
      }
      const at = options.at === undefined ? undefined : new Date(options.at).toISOString();
      const result = await withNetwork(
        options,
        (network) =>
          network.close({
            platform: options.platform,
            chat,
            source: 'manual',
            by: cliActor(),
            ...(at !== undefined && { at }),
            ...(options.note !== undefined && { note: options.note }),
          }),
        { readonly: false },
      );
      if (options.json) return printJson(result);
      if (result.node === undefined) throw new Error(`no chat "${chat}" in the network`);
      process.stdout.write(`${result.node}\t${result.recorded ? 'closure recorded' : 'closed already'}\n`);
    });
}
