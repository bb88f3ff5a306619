import type { Command } from 'commander';
import { cliActor } from '../cli-actor.js';
import { readClosureFile } from './network-closure-file.js';
import { type NetworkFlags, printJson, withNetwork } from './network-output.js';

interface CloseFlags extends NetworkFlags {
  at?: string;
  note?: string;
  platform: string;
  file?: string;
}

/**
 * `rasd network close <chat>`: records by hand that a chat was closed (the platform removed it),
 * so its successors are looked for; prints the node and whether the closure was new.
 * `rasd network close --file closures.jsonl` imports a closure list (source `import`).
 */
export function registerNetworkClose(group: Command): void {
  group
    .command('close')
    .description('record that a chat was closed, so its successors are looked for')
    .argument('[chat]', 'a chat id, @handle or node id')
    .option('--file <jsonl>', 'import closures: one {"chat", "at", "platform"?, "note"?} a line')
    .option('--at <time>', 'ISO time of the closure (default now)')
    .option('--note <text>', 'why, or where the closure was seen')
    .option('--platform <name>', 'the platform', 'telegram')
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (chat: string | undefined, options: CloseFlags) => {
      if (options.file !== undefined) return importClosures(options.file, options);
      if (chat === undefined) throw new Error('name a chat, or give --file with a closure list');
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

async function importClosures(path: string, options: CloseFlags): Promise<void> {
  const { closures, errors } = await readClosureFile(path);
  const results = await withNetwork(
    options,
    async (network) => {
      const out: { line: number; chat: string; node?: string; recorded: boolean }[] = [];
      for (const { line, closure } of closures) {
        const result = await network.close({
          platform: closure.platform ?? options.platform,
          chat: closure.chat,
          at: closure.at,
          source: 'import',
          by: cliActor(),
          note: closure.note ?? `imported from ${path}, line ${line}`,
        });
        out.push({ line, chat: closure.chat, recorded: result.recorded, ...(result.node && { node: result.node }) });
      }
      return out;
    },
    { readonly: false },
  );
  if (options.json) return printJson({ closures: results, errors });
  const recorded = results.filter((r) => r.recorded).length;
  process.stdout.write(
    `${recorded} closures recorded, ${results.length - recorded} known already, ${errors.length} bad lines\n`,
  );
  for (const { line, error } of errors) process.stderr.write(`${path}:${line}: ${error}\n`);
  if (errors.length > 0) process.exitCode = 1;
}
