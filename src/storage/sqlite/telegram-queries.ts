import type Database from 'better-sqlite3';
import { notFound } from '../../core/errors.js';
import type {
  BackfillCheckpoint,
  ChannelMeta,
  MessageDeletion,
  ModeratedChat,
  UpdateState,
  WatchEntry,
} from '../../core/index.js';
import { checkLimit } from './cursor.js';
import {
  byAdded,
  type DeletionRow,
  decodeDeletion,
  decodeModeratedChat,
  decodeUpdateState,
  decodeWatch,
  deletionCells,
  firstOfChat,
  type ModeratedChatRow,
  moderatedChatCells,
  type UpdateStateRow,
  updateStateCells,
  WATCH_COLUMNS,
  type WatchRow,
  watchCells,
} from './telegram-codec.js';

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
const WATCH_UPDATES = WATCH_COLUMNS.filter((c) => c !== 'ref')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

type Get<R> = Database.Statement<unknown[], R>;

/**
 * The TelegramStore port's SQL on SQLite, on the main connection: the watch list, checkpoints
 * and deletions change a few times a minute, far from the scan writer's pace.
 */
export class TelegramQueries {
  readonly #saveWatch: Database.Statement<unknown[]>;
  readonly #watchByRef: Get<WatchRow>;
  readonly #watchByChat: Get<WatchRow>;
  readonly #watches: Get<WatchRow>;
  readonly #watchesActive: Get<WatchRow>;
  readonly #setWatchColumn: Record<'backfill' | 'channel_pts' | 'meta', Database.Statement<unknown[]>>;
  readonly #getState: Get<UpdateStateRow>;
  readonly #saveState: Database.Statement<unknown[]>;
  readonly #recordDeletion: Database.Statement<unknown[]>;
  readonly #getDeletion: Get<DeletionRow>;
  readonly #deletions: Get<DeletionRow>;
  readonly #deletionsOfChat: Get<DeletionRow>;
  readonly #saveChat: Database.Statement<unknown[]>;
  readonly #chats: Get<ModeratedChatRow>;
  readonly #chat: Get<ModeratedChatRow>;

  constructor(db: Database.Database) {
    this.#saveWatch = db.prepare(`INSERT INTO telegram_watch (${WATCH_COLUMNS.join(', ')})
      VALUES (${placeholders(WATCH_COLUMNS.length)}) ON CONFLICT (ref) DO UPDATE SET ${WATCH_UPDATES}`);
    this.#watchByRef = db.prepare('SELECT * FROM telegram_watch WHERE ref = ?');
    this.#watchByChat = db.prepare('SELECT * FROM telegram_watch WHERE chat_id = ?');
    this.#watches = db.prepare('SELECT * FROM telegram_watch');
    this.#watchesActive = db.prepare('SELECT * FROM telegram_watch WHERE active = ?');
    const set = (column: string) => db.prepare(`UPDATE telegram_watch SET ${column} = ?, updated_at = ? WHERE ref = ?`);
    this.#setWatchColumn = { backfill: set('backfill'), channel_pts: set('channel_pts'), meta: set('meta') };
    this.#getState = db.prepare('SELECT * FROM telegram_update_state WHERE account = ?');
    this.#saveState = db.prepare(`INSERT INTO telegram_update_state (account, pts, qts, date, seq, updated_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET pts = excluded.pts, qts = excluded.qts,
      date = excluded.date, seq = excluded.seq, updated_at = excluded.updated_at`);
    this.#recordDeletion = db.prepare(`INSERT INTO message_deletion
      (platform, chat_id, message_id, deleted_at, deleted_ms, source, removed_by)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.#getDeletion = db.prepare(
      'SELECT * FROM message_deletion WHERE platform = ? AND chat_id = ? AND message_id = ?',
    );
    const newest = 'ORDER BY deleted_ms DESC, platform DESC, chat_id DESC, message_id DESC LIMIT ?';
    this.#deletions = db.prepare(`SELECT * FROM message_deletion ${newest}`);
    this.#deletionsOfChat = db.prepare(`SELECT * FROM message_deletion WHERE chat_id = ? ${newest}`);
    this.#saveChat =
      db.prepare(`INSERT INTO telegram_moderated_chat (chat_id, type, title, username, rights, checked_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title,
      username = excluded.username, rights = excluded.rights, checked_at = excluded.checked_at`);
    this.#chats = db.prepare('SELECT * FROM telegram_moderated_chat ORDER BY chat_id');
    this.#chat = db.prepare('SELECT * FROM telegram_moderated_chat WHERE chat_id = ?');
  }

  saveWatch(entry: WatchEntry): void {
    this.#saveWatch.run(watchCells(entry));
  }

  getWatch(refOrChatId: string): WatchEntry | undefined {
    const row = this.#watchByRef.get(refOrChatId);
    return row ? decodeWatch(row) : firstOfChat(this.#watchByChat.all(refOrChatId).map(decodeWatch));
  }

  listWatches(query: { active?: boolean } = {}): WatchEntry[] {
    const rows = query.active === undefined ? this.#watches.all() : this.#watchesActive.all(query.active ? 1 : 0);
    return rows.map(decodeWatch).sort(byAdded);
  }

  saveBackfill(ref: string, checkpoint: BackfillCheckpoint, at: string): void {
    this.#setWatch('backfill', ref, JSON.stringify(checkpoint), at);
  }

  saveChannelPts(ref: string, pts: number, at: string): void {
    this.#setWatch('channel_pts', ref, pts, at);
  }

  saveWatchMeta(ref: string, meta: ChannelMeta, at: string): void {
    this.#setWatch('meta', ref, JSON.stringify(meta), at);
  }

  #setWatch(column: 'backfill' | 'channel_pts' | 'meta', ref: string, value: unknown, at: string): void {
    if (this.#setWatchColumn[column].run(value, at, ref).changes === 0) throw notFound('watch entry', ref);
  }

  getUpdateState(account: string): UpdateState | undefined {
    const row = this.#getState.get(account);
    return row && decodeUpdateState(row);
  }

  saveUpdateState(state: UpdateState): void {
    this.#saveState.run(updateStateCells(state));
  }

  recordDeletion(deletion: MessageDeletion): boolean {
    return this.#recordDeletion.run(deletionCells(deletion)).changes === 1;
  }

  getDeletion(platform: string, chatId: string, messageId: string): MessageDeletion | undefined {
    const row = this.#getDeletion.get(platform, chatId, messageId);
    return row && decodeDeletion(row);
  }

  listDeletions(query: { chatId?: string; limit: number }): MessageDeletion[] {
    const limit = checkLimit(query.limit);
    const rows =
      query.chatId === undefined ? this.#deletions.all(limit) : this.#deletionsOfChat.all(query.chatId, limit);
    return rows.map(decodeDeletion);
  }

  saveModeratedChat(chat: ModeratedChat): void {
    this.#saveChat.run(moderatedChatCells(chat));
  }

  listModeratedChats(): ModeratedChat[] {
    return this.#chats.all().map(decodeModeratedChat);
  }

  getModeratedChat(chatId: string): ModeratedChat | undefined {
    const row = this.#chat.get(chatId);
    return row && decodeModeratedChat(row);
  }
}
