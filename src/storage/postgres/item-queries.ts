import type pg from 'pg';
import type { Category, Item, Verdict } from '../../core/index.js';
import type { ItemQuery, ItemSummary, Page } from '../ports.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';
import { toEpochMs } from '../sqlite/epoch-ms.js';
import type { ItemRow } from '../sqlite/item-codec.js';
import { categoriesOf, orgsOf } from './labels.js';
import { storedItem } from './nul-text.js';

interface SummaryRow {
  key: string;
  platform: string;
  chat_id: string;
  message_id: string;
  version: number;
  posted_at: string;
  posted_ms: number;
  verdict: Verdict | null;
  categories: Category[];
  orgs: string[];
}

const ITEM_COLUMNS = 'key, platform, chat_id, message_id, version, posted_at, text, document';

function toSummary(row: SummaryRow): ItemSummary {
  return {
    key: row.key,
    platform: row.platform,
    chatId: row.chat_id,
    messageId: row.message_id,
    version: row.version,
    postedAt: row.posted_at,
    ...(row.verdict !== null && { verdict: row.verdict }),
    categories: row.categories,
    orgs: row.orgs,
  };
}

/**
 * Items newest first (by when they were posted), with keyset pages that survive inserts: the
 * same walk as SQLite's, along the item's (posted_ms, key) or, when only violating or only
 * review items are wanted, the partial index of flagged assessments. A time range prunes the
 * month partitions outside it.
 */
export class ItemQueries {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async getItem(key: string): Promise<Item | undefined> {
    const { rows } = await this.#pool.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM item WHERE key = $1 LIMIT 1`, [key]);
    const row = rows[0];
    return row && storedItem(row);
  }

  async listItems(query: ItemQuery): Promise<Page<ItemSummary>> {
    const limit = checkLimit(query.limit);
    const flagged = query.verdict !== undefined && query.verdict !== 'clear';
    const [time, key] = flagged ? ['a.posted_ms', 'a.item_key'] : ['i.posted_ms', 'i.key'];
    const values: unknown[] = [];
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const where: string[] = [];
    if (query.chatId !== undefined) where.push(`i.chat_id = ${param(query.chatId)}`);
    if (query.verdict !== undefined) {
      // The literal `<> 'clear'` is what lets PostgreSQL use the partial index.
      where.push(`a.verdict = ${param(query.verdict)}${flagged ? " AND a.verdict <> 'clear'" : ''}`);
    }
    if (query.category !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM assessment_category c
        WHERE c.item_key = ${key} AND c.posted_ms = ${time} AND c.category = ${param(query.category)})`);
    }
    if (query.org !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM assessment_org o
        WHERE o.item_key = ${key} AND o.posted_ms = ${time} AND o.org = ${param(query.org)})`);
    }
    if (query.from !== undefined) where.push(`${time} >= ${param(toEpochMs(query.from, 'from'))}`);
    if (query.to !== undefined) where.push(`${time} < ${param(toEpochMs(query.to, 'to'))}`);
    if (query.cursor !== undefined) {
      const [cursorMs, cursorKey] = decodeCursor(query.cursor, ['number', 'string']);
      where.push(`(${time}, ${key}) < (${param(cursorMs)}::bigint, ${param(cursorKey)})`);
    }
    const from = flagged
      ? 'assessment a JOIN item i ON i.key = a.item_key AND i.posted_ms = a.posted_ms'
      : 'item i LEFT JOIN assessment a ON a.item_key = i.key AND a.posted_ms = i.posted_ms';
    const sql = `
      SELECT i.key, i.platform, i.chat_id, i.message_id, i.version, i.posted_at,
        i.posted_ms::float8 AS posted_ms, a.verdict,
        ${categoriesOf('i.key', 'i.posted_ms')} AS categories, ${orgsOf('i.key', 'i.posted_ms')} AS orgs
      FROM ${from}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${time} DESC, ${key} DESC
      LIMIT ${param(limit + 1)}`;
    const { rows } = await this.#pool.query<SummaryRow>(sql, values);
    return toPage(rows, limit, toSummary, (row) => [row.posted_ms, row.key]);
  }
}
