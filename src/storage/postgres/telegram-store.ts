import type pg from 'pg';
import { notFound } from '../../core/errors.js';
import type {
  BackfillCheckpoint,
  ChannelMeta,
  MessageDeletion,
  ModeratedChat,
  UpdateState,
  WatchEntry,
} from '../../core/index.js';
import { checkLimit } from '../sqlite/cursor.js';
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
} from '../sqlite/telegram-codec.js';
import type { TelegramStore } from '../telegram-ports.js';
import { pgGuard } from './storage-error.js';

const params = (n: number): string => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
const WATCH_UPDATES = WATCH_COLUMNS.filter((c) => c !== 'ref')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
const DELETION = 'SELECT platform, chat_id, message_id, deleted_at, source, removed_by FROM message_deletion';
const NEWEST = 'ORDER BY deleted_ms DESC, platform DESC, chat_id DESC, message_id DESC';
const SET_COLUMNS = { backfill: 'backfill', channelPts: 'channel_pts', meta: 'meta' } as const;

/**
 * The TelegramStore port on PostgreSQL, with the SQLite adapter's codec. Every write is one
 * statement, so two monitor processes saving the same entry end with one row, the last writer's.
 */
export class PgTelegramStore implements TelegramStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async saveWatch(entry: WatchEntry): Promise<void> {
    await pgGuard('saveWatch', () =>
      this.#pool.query(
        `INSERT INTO telegram_watch (${WATCH_COLUMNS.join(', ')}) VALUES (${params(WATCH_COLUMNS.length)})
         ON CONFLICT (ref) DO UPDATE SET ${WATCH_UPDATES}`,
        watchCells(entry),
      ),
    );
  }

  async getWatch(refOrChatId: string): Promise<WatchEntry | undefined> {
    return pgGuard('getWatch', async () => {
      const byRef = await this.#pool.query<WatchRow>('SELECT * FROM telegram_watch WHERE ref = $1', [refOrChatId]);
      const row = byRef.rows[0];
      if (row) return decodeWatch(row);
      const byChat = await this.#pool.query<WatchRow>('SELECT * FROM telegram_watch WHERE chat_id = $1', [refOrChatId]);
      return firstOfChat(byChat.rows.map(decodeWatch));
    });
  }

  async listWatches(query: { active?: boolean } = {}): Promise<WatchEntry[]> {
    return pgGuard('listWatches', async () => {
      const { rows } =
        query.active === undefined
          ? await this.#pool.query<WatchRow>('SELECT * FROM telegram_watch')
          : await this.#pool.query<WatchRow>('SELECT * FROM telegram_watch WHERE active = $1', [query.active ? 1 : 0]);
      return rows.map(decodeWatch).sort(byAdded);
    });
  }

  saveBackfill(ref: string, checkpoint: BackfillCheckpoint, at: string): Promise<void> {
    return this.#setWatch('saveBackfill', 'backfill', ref, JSON.stringify(checkpoint), at);
  }

  saveChannelPts(ref: string, pts: number, at: string): Promise<void> {
    return this.#setWatch('saveChannelPts', 'channelPts', ref, pts, at);
  }

  saveWatchMeta(ref: string, meta: ChannelMeta, at: string): Promise<void> {
    return this.#setWatch('saveWatchMeta', 'meta', ref, JSON.stringify(meta), at);
  }

  async #setWatch(
    operation: string,
    field: keyof typeof SET_COLUMNS,
    ref: string,
    value: unknown,
    at: string,
  ): Promise<void> {
    await pgGuard(operation, async () => {
      const updated = await this.#pool.query(
        `UPDATE telegram_watch SET ${SET_COLUMNS[field]} = $1, updated_at = $2 WHERE ref = $3`,
        [value, at, ref],
      );
      if (updated.rowCount === 0) throw notFound('watch entry', ref);
    });
  }

  async getUpdateState(account: string): Promise<UpdateState | undefined> {
    return pgGuard('getUpdateState', async () => {
      const { rows } = await this.#pool.query<UpdateStateRow>(
        'SELECT * FROM telegram_update_state WHERE account = $1',
        [account],
      );
      return rows[0] && decodeUpdateState(rows[0]);
    });
  }

  async saveUpdateState(state: UpdateState): Promise<void> {
    await pgGuard('saveUpdateState', () =>
      this.#pool.query(
        `INSERT INTO telegram_update_state (account, pts, qts, date, seq, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account) DO UPDATE SET pts = excluded.pts, qts = excluded.qts, date = excluded.date,
         seq = excluded.seq, updated_at = excluded.updated_at`,
        updateStateCells(state),
      ),
    );
  }

  async recordDeletion(deletion: MessageDeletion): Promise<boolean> {
    return pgGuard('recordDeletion', async () => {
      const inserted = await this.#pool.query(
        `INSERT INTO message_deletion (platform, chat_id, message_id, deleted_at, deleted_ms, source, removed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        deletionCells(deletion),
      );
      return inserted.rowCount === 1;
    });
  }

  async getDeletion(platform: string, chatId: string, messageId: string): Promise<MessageDeletion | undefined> {
    return pgGuard('getDeletion', async () => {
      const { rows } = await this.#pool.query<DeletionRow>(
        `${DELETION} WHERE platform = $1 AND chat_id = $2 AND message_id = $3`,
        [platform, chatId, messageId],
      );
      return rows[0] && decodeDeletion(rows[0]);
    });
  }

  async listDeletions(query: { chatId?: string; limit: number }): Promise<MessageDeletion[]> {
    return pgGuard('listDeletions', async () => {
      const limit = checkLimit(query.limit);
      const { rows } =
        query.chatId === undefined
          ? await this.#pool.query<DeletionRow>(`${DELETION} ${NEWEST} LIMIT $1`, [limit])
          : await this.#pool.query<DeletionRow>(`${DELETION} WHERE chat_id = $1 ${NEWEST} LIMIT $2`, [
              query.chatId,
              limit,
            ]);
      return rows.map(decodeDeletion);
    });
  }

  async saveModeratedChat(chat: ModeratedChat): Promise<void> {
    await pgGuard('saveModeratedChat', () =>
      this.#pool.query(
        `INSERT INTO telegram_moderated_chat (chat_id, type, title, username, rights, checked_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type,
         title = excluded.title, username = excluded.username, rights = excluded.rights, checked_at = excluded.checked_at`,
        moderatedChatCells(chat),
      ),
    );
  }

  async listModeratedChats(): Promise<ModeratedChat[]> {
    return pgGuard('listModeratedChats', async () => {
      const { rows } = await this.#pool.query<ModeratedChatRow>(
        'SELECT * FROM telegram_moderated_chat ORDER BY chat_id',
      );
      return rows.map(decodeModeratedChat);
    });
  }

  async getModeratedChat(chatId: string): Promise<ModeratedChat | undefined> {
    return pgGuard('getModeratedChat', async () => {
      const { rows } = await this.#pool.query<ModeratedChatRow>(
        'SELECT * FROM telegram_moderated_chat WHERE chat_id = $1',
        [chatId],
      );
      return rows[0] && decodeModeratedChat(rows[0]);
    });
  }
}
