import type { Command } from 'commander';
import { createContext, type TelegramStatus, telegramStatus } from '../../app/index.js';
import type { ModeratedChat, WatchEntry } from '../../core/index.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface StatusFlags extends CommonOptions {
  json?: boolean;
}

/** One watch entry as status shows it: ids, state and counts; never the channel's about text. */
export interface WatchRow {
  ref: string;
  chatId?: string;
  title?: string;
  username?: string;
  active: boolean;
  join: boolean;
  backfill: WatchEntry['backfill']['state'];
  fetched: number;
  lastError?: string;
}

export interface ModeratedRow {
  chatId: string;
  type: string;
  title?: string;
  status: string;
  canDelete: boolean;
  canBan: boolean;
  checkedAt: string;
}

/**
 * `rasd telegram status`: the watch list, the chats the bot moderates with its rights there,
 * Telegram actions by status, deletions by who removed them, and whether a session is saved.
 * Changes nothing, and prints nothing secret or written by a user of Telegram beyond chat names.
 */
export function registerTelegramStatus(group: Command): void {
  group
    .command('status')
    .description('watch list, moderated chats and rights, actions and deletions, session (no secrets)')
    .option('--json', 'print one JSON object')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: StatusFlags) => {
      // Writable on purpose: on a new deployment the database (and the live Telegram tables of an
      // older one) must be created first, and a status that cannot open the file helps nobody.
      await using ctx = await createContext(configOverrides(options));
      const status = await telegramStatus(ctx);
      const view = {
        session: status.session,
        watches: status.watches.map(watchRow),
        moderated: status.moderated.map(moderatedRow),
        actions: status.actions,
        deletions: status.deletions,
      };
      process.stdout.write(options.json ? `${JSON.stringify(view)}\n` : statusText(view));
    });
}

function watchRow(entry: WatchEntry): WatchRow {
  return {
    ref: entry.ref,
    ...(entry.chatId !== undefined && { chatId: entry.chatId }),
    ...(entry.meta?.title !== undefined && { title: entry.meta.title }),
    ...(entry.meta?.username !== undefined && { username: entry.meta.username }),
    active: entry.active,
    join: entry.join,
    backfill: entry.backfill.state,
    fetched: entry.backfill.fetched,
    ...(entry.lastError !== undefined && { lastError: entry.lastError }),
  };
}

function moderatedRow(chat: ModeratedChat): ModeratedRow {
  return {
    chatId: chat.chatId,
    type: chat.type,
    ...(chat.title !== undefined && { title: chat.title }),
    status: chat.rights.status,
    canDelete: chat.rights.canDeleteMessages,
    canBan: chat.rights.canRestrictMembers,
    checkedAt: chat.checkedAt,
  };
}

interface StatusView {
  session: TelegramStatus['session'];
  watches: WatchRow[];
  moderated: ModeratedRow[];
  actions: TelegramStatus['actions'];
  deletions: TelegramStatus['deletions'];
}

function statusText(view: StatusView): string {
  const lines = [`session\t${view.session}`, '', `watch list (${view.watches.length})`];
  for (const w of view.watches) {
    lines.push(
      [
        `  ${w.ref}`,
        w.chatId ?? 'unresolved',
        w.active ? 'active' : 'unwatched',
        `back-fill ${w.backfill} (${w.fetched} fetched)`,
        w.lastError ? `error: ${w.lastError}` : '',
      ]
        .filter(Boolean)
        .join('\t'),
    );
  }
  lines.push('', `moderated chats (${view.moderated.length})`);
  for (const m of view.moderated) {
    lines.push(
      `  ${m.chatId}\t${m.type}\t${m.status}\tdelete ${m.canDelete ? 'yes' : 'NO'}\tban ${m.canBan ? 'yes' : 'NO'}`,
    );
  }
  lines.push('', `actions on telegram\t${counts(view.actions)}`, `deletions by remover\t${counts(view.deletions)}`);
  return `${lines.join('\n')}\n`;
}

function counts(byKey: Readonly<Record<string, number>>): string {
  const parts = Object.entries(byKey)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${key} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
