import type { Command } from 'commander';
import { createContext, parseWatchRef, type WatchTarget, watchKey } from '../../app/index.js';
import { type BackfillCheckpoint, isAppError, type WatchEntry } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import type { AuditStore, TelegramStore } from '../../storage/ports.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface WatchFlags extends CommonOptions {
  join?: boolean;
  backfillDays?: number;
}

/** The longest back-fill window a flag may ask for: Telegram itself started in 2013. */
const MAX_BACKFILL_DAYS = 36_500;

/**
 * `rasd telegram watch <ref…>`: puts chats on the MTProto monitor's watch list. Naming a chat
 * needs no Telegram: the entry is saved unresolved and `rasd telegram monitor` resolves it (and
 * joins it with `--join`) when it starts. A bad ref is reported and the others still go in.
 */
export function registerTelegramWatch(group: Command): void {
  group
    .command('watch')
    .description('add channels or groups to the monitor’s watch list (@name, t.me link, invite link or id; audited)')
    .argument('<ref...>', '@name, t.me/name, https://t.me/+invite or a chat id')
    .option('--join', 'join the chat (public channels and groups, or an invite link) instead of only reading it')
    .option('--backfill-days <n>', 'fetch history back this many days on first watch', parseDays)
    .option('--reason <text>', 'why, for the audit log')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (refs: string[], options: WatchFlags) => {
      await using ctx = await createContext(configOverrides(options));
      const store = ctx.store;
      const now = new Date();
      let failed = 0;
      let added = 0;
      for (const raw of refs) {
        const target = parseRef(raw);
        if (target === undefined) {
          failed += 1;
          continue;
        }
        const { said, changed } = await addWatch(store, watchKey(raw), options, now);
        if (changed) added += 1;
        process.stdout.write(`${said}\n`);
      }
      if (added > 0) {
        process.stdout.write(
          `${added} watched; chats are resolved${options.join ? ' and joined' : ''} when the monitor starts: rasd telegram monitor\n`,
        );
      }
      if (failed > 0) process.exitCode = 1;
    });
}

/** The ref parsed, or undefined after saying on stderr what was wrong and what to write instead. */
export function parseRef(raw: string): WatchTarget | undefined {
  try {
    return parseWatchRef(raw);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // The parser's sentence names the ref already, as a rule; name it here when it does not.
    const said = error.message.includes(raw) ? error.message : `"${printable(raw)}": ${error.message}`;
    process.stderr.write(`rasd: ${said.split('\n')[0]}\n`);
    return undefined;
  }
}

async function addWatch(
  store: TelegramStore & AuditStore,
  ref: string,
  options: WatchFlags,
  now: Date,
): Promise<{ said: string; changed: boolean }> {
  const at = now.toISOString();
  // Found by ref, or by chat id when the chat was watched under another name: that entry stands.
  const existing = await store.getWatch(ref);
  const joinAdded = options.join === true && existing?.join === false;
  if (existing?.active === true && !joinAdded) return { said: `${existing.ref}\talready watched`, changed: false };
  const entry: WatchEntry =
    existing !== undefined
      ? { ...existing, active: true, join: existing.join || options.join === true, updatedAt: at }
      : {
          ref,
          join: options.join === true,
          active: true,
          addedAt: at,
          addedBy: cliActor(),
          backfill: firstCheckpoint(options.backfillDays, now),
          updatedAt: at,
        };
  await store.saveWatch(entry);
  const resumed = existing !== undefined && !existing.active;
  await appendAudit(store, {
    actor: cliActor(),
    action: 'telegram.watch',
    target: entry.ref,
    reason: options.reason ?? (existing ? 'watch changed' : 'chat added to the watch list'),
    details: { join: entry.join, resumed, ...(entry.chatId && { chatId: entry.chatId }) },
  });
  if (existing === undefined) return { said: `${entry.ref}\twatched`, changed: true };
  const notes = [
    resumed ? 'watched again (back-fill resumes from its checkpoint)' : 'already watched; now marked to join',
    ...(options.backfillDays !== undefined ? ['--backfill-days applies to a first watch only'] : []),
  ];
  return { said: `${entry.ref}\t${notes.join('; ')}`, changed: true };
}

function firstCheckpoint(days: number | undefined, now: Date): BackfillCheckpoint {
  if (days === undefined) return { state: 'pending', fetched: 0 };
  return { state: 'pending', fetched: 0, notBefore: new Date(now.getTime() - days * 86_400_000).toISOString() };
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > MAX_BACKFILL_DAYS) {
    throw new Error(`--backfill-days must be a number from 0 to ${MAX_BACKFILL_DAYS}, got "${value}"`);
  }
  return n;
}

/** A ref echoed back in an error: control characters out, length bounded (it is user input). */
export function printable(raw: string): string {
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
