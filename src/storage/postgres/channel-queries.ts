import type pg from 'pg';
import type { ChannelEvent } from '../../core/index.js';
import type { ChannelSummary, Page } from '../ports.js';
import {
  type ChannelEventRow,
  type ChannelSummaryRow,
  rowToChannelEvent,
  rowToChannelSummary,
} from '../sqlite/channel-codec.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';

/** Counted per channel on demand: a page of channels costs one index range per channel and month. */
const WITH_COUNTS = `
  SELECT c.platform, c.id, c.username, c.title, c.type, c.first_seen_at, c.last_seen_at,
    c.last_seen_ms::float8 AS last_seen_ms,
    (SELECT count(*)::int FROM item i
      WHERE i.chat_id = c.id AND i.platform = c.platform) AS items,
    (SELECT count(*)::int FROM item i JOIN assessment a ON a.item_key = i.key AND a.posted_ms = i.posted_ms
      WHERE i.chat_id = c.id AND i.platform = c.platform AND a.verdict = 'violating') AS violating,
    (SELECT count(*)::int FROM item i JOIN assessment a ON a.item_key = i.key AND a.posted_ms = i.posted_ms
      WHERE i.chat_id = c.id AND i.platform = c.platform AND a.verdict = 'review') AS review
  FROM channel c`;

const ORDER = 'ORDER BY c.last_seen_ms DESC, c.platform DESC, c.id DESC';

/** Channels most recently seen first; a channel's events newest first. */
export class ChannelQueries {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async listChannels(limit: number, cursor?: string): Promise<Page<ChannelSummary>> {
    const size = checkLimit(limit);
    const { rows } =
      cursor === undefined
        ? await this.#pool.query<ChannelSummaryRow>(`${WITH_COUNTS} ${ORDER} LIMIT $1`, [size + 1])
        : await this.#pool.query<ChannelSummaryRow>(
            `${WITH_COUNTS} WHERE (c.last_seen_ms, c.platform, c.id) < ($1::bigint, $2, $3) ${ORDER} LIMIT $4`,
            [...decodeCursor(cursor, ['number', 'string', 'string']), size + 1],
          );
    return toPage(rows, size, rowToChannelSummary, (row) => [row.last_seen_ms, row.platform, row.id]);
  }

  async getChannel(platform: string, id: string): Promise<ChannelSummary | undefined> {
    const { rows } = await this.#pool.query<ChannelSummaryRow>(`${WITH_COUNTS} WHERE c.platform = $1 AND c.id = $2`, [
      platform,
      id,
    ]);
    const row = rows[0];
    return row && rowToChannelSummary(row);
  }

  async listChannelEvents(platform: string, chatId: string, limit: number): Promise<ChannelEvent[]> {
    const { rows } = await this.#pool.query<ChannelEventRow>(
      `SELECT platform, chat_id, message_id, action, at, actor, actor_id, details
       FROM channel_event WHERE platform = $1 AND chat_id = $2
       ORDER BY at_ms DESC, seq DESC LIMIT $3`,
      [platform, chatId, checkLimit(limit)],
    );
    return rows.map(rowToChannelEvent);
  }
}
