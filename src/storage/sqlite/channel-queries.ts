import type Database from 'better-sqlite3';
import type { ChannelEvent } from '../../core/index.js';
import type { ChannelSummary, Page } from '../ports.js';
import {
  type ChannelEventRow,
  type ChannelSummaryRow,
  rowToChannelEvent,
  rowToChannelSummary,
} from './channel-codec.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';

/** Counted per channel on demand: a page of channels costs one index range per channel. */
const WITH_COUNTS = `
  SELECT c.*,
    (SELECT count(*) FROM item i
      WHERE i.chat_id = c.id AND i.platform = c.platform) AS items,
    (SELECT count(*) FROM item i JOIN assessment a ON a.item_key = i.key
      WHERE i.chat_id = c.id AND i.platform = c.platform AND a.verdict = 'violating') AS violating,
    (SELECT count(*) FROM item i JOIN assessment a ON a.item_key = i.key
      WHERE i.chat_id = c.id AND i.platform = c.platform AND a.verdict = 'review') AS review
  FROM channel c`;

const ORDER = 'ORDER BY c.last_seen_ms DESC, c.platform DESC, c.id DESC LIMIT ?';

/** Channels most recently seen first; a channel's events newest first. */
export class ChannelQueries {
  readonly #first: Database.Statement<[number], ChannelSummaryRow>;
  readonly #after: Database.Statement<[number, string, string, number], ChannelSummaryRow>;
  readonly #get: Database.Statement<[string, string], ChannelSummaryRow>;
  readonly #events: Database.Statement<[string, string, number], ChannelEventRow>;

  constructor(db: Database.Database) {
    this.#first = db.prepare(`${WITH_COUNTS} ${ORDER}`);
    this.#after = db.prepare(`${WITH_COUNTS} WHERE (c.last_seen_ms, c.platform, c.id) < (?, ?, ?) ${ORDER}`);
    this.#get = db.prepare(`${WITH_COUNTS} WHERE c.platform = ? AND c.id = ?`);
    this.#events = db.prepare(`
      SELECT * FROM channel_event WHERE platform = ? AND chat_id = ?
      ORDER BY at_ms DESC, seq DESC LIMIT ?`);
  }

  listChannels(limit: number, cursor?: string): Page<ChannelSummary> {
    const size = checkLimit(limit);
    const rows =
      cursor === undefined
        ? this.#first.all(size + 1)
        : this.#after.all(
            ...(decodeCursor(cursor, ['number', 'string', 'string']) as [number, string, string]),
            size + 1,
          );
    return toPage(rows, size, rowToChannelSummary, (row) => [row.last_seen_ms, row.platform, row.id]);
  }

  getChannel(platform: string, id: string): ChannelSummary | undefined {
    const row = this.#get.get(platform, id);
    return row && rowToChannelSummary(row);
  }

  listChannelEvents(platform: string, chatId: string, limit: number): ChannelEvent[] {
    return this.#events.all(platform, chatId, checkLimit(limit)).map(rowToChannelEvent);
  }
}
