import type { Command } from 'commander';
import { createContext, watchKey } from '../../app/index.js';
import { appendAudit } from '../../review/audit-log.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides } from '../options.js';
import { parseRef, printable } from './telegram-watch.js';

/**
 * `rasd telegram unwatch <ref…>`: stops following chats. The entry and its back-fill checkpoint
 * stay, so watching it again resumes where it stopped instead of fetching the history twice.
 */
export function registerTelegramUnwatch(group: Command): void {
  group
    .command('unwatch')
    .description('stop following chats; their entries and back-fill checkpoints are kept (audited)')
    .argument('<ref...>', 'as given to `rasd telegram watch`, or the chat id')
    .option('--reason <text>', 'why, for the audit log')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (refs: string[], options: CommonOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const store = ctx.store;
      let failed = 0;
      for (const raw of refs) {
        const target = parseRef(raw);
        // A resolved chat is also found by its id, whatever name it was watched under.
        const entry = target && ((await store.getWatch(watchKey(raw))) ?? (await store.getWatch(raw.trim())));
        if (entry === undefined) {
          if (target !== undefined) {
            process.stderr.write(`rasd: "${printable(raw)}" is not on the watch list; rasd telegram status lists it\n`);
          }
          failed += 1;
          continue;
        }
        if (!entry.active) {
          process.stdout.write(`${entry.ref}\tnot watched already\n`);
          continue;
        }
        const at = new Date().toISOString();
        await store.saveWatch({ ...entry, active: false, updatedAt: at });
        await appendAudit(store, {
          actor: cliActor(),
          action: 'telegram.unwatch',
          target: entry.ref,
          reason: options.reason ?? 'chat taken off the watch list',
          details: { ...(entry.chatId && { chatId: entry.chatId }), fetched: entry.backfill.fetched },
        });
        process.stdout.write(`${entry.ref}\tunwatched (checkpoint kept)\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
