import type Database from 'better-sqlite3';
import type { Category, Item, Verdict } from '../../core/index.js';
import type { ItemQuery, ItemSummary, Page } from '../ports.js';
import { categoriesOf, orgsOf } from './assessment-labels.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';
import { toEpochMs } from './epoch-ms.js';
import { type ItemRow, rowToItem } from './item-codec.js';

interface SummaryRow {
  key: string;
  platform: string;
  chat_id: string;
  message_id: string;
  version: number;
  posted_at: string;
  posted_ms: number;
  verdict: Verdict | null;
  categories: string;
  orgs: string;
}

type Filter = 'chatId' | 'verdict' | 'category' | 'org' | 'from' | 'to' | 'cursor';

/**
 * The list is walked newest first along an index: the item's (posted_ms, key), or, when only
 * violating or only review items are wanted, the partial index of flagged assessments, which
 * holds the same pair. Each optional filter adds one condition; statements are cached per
 * combination that occurs.
 */
function listSql(filters: readonly Filter[], flagged: boolean): string {
  const [time, key] = flagged ? ['a.posted_ms', 'a.item_key'] : ['i.posted_ms', 'i.key'];
  const conditions: Record<Filter, string> = {
    chatId: 'i.chat_id = @chatId',
    // The literal `<> 'clear'` is what lets SQLite match the partial index.
    verdict: flagged ? "a.verdict = @verdict AND a.verdict <> 'clear'" : 'a.verdict = @verdict',
    category: `EXISTS (SELECT 1 FROM assessment_category c WHERE c.item_key = ${key} AND c.category = @category)`,
    org: `EXISTS (SELECT 1 FROM assessment_org o WHERE o.item_key = ${key} AND o.org = @org)`,
    from: `${time} >= @fromMs`,
    to: `${time} < @toMs`,
    cursor: `(${time}, ${key}) < (@cursorMs, @cursorKey)`,
  };
  const where = filters.length === 0 ? '' : `WHERE ${filters.map((f) => conditions[f]).join(' AND ')}`;
  const from = flagged
    ? 'assessment a JOIN item i ON i.key = a.item_key'
    : 'item i LEFT JOIN assessment a ON a.item_key = i.key';
  return `
    SELECT i.key, i.platform, i.chat_id, i.message_id, i.version, i.posted_at, i.posted_ms, a.verdict,
      ${categoriesOf('i.key')} AS categories, ${orgsOf('i.key')} AS orgs
    FROM ${from}
    ${where}
    ORDER BY ${time} DESC, ${key} DESC
    LIMIT @limit`;
}

function toSummary(row: SummaryRow): ItemSummary {
  return {
    key: row.key,
    platform: row.platform,
    chatId: row.chat_id,
    messageId: row.message_id,
    version: row.version,
    postedAt: row.posted_at,
    ...(row.verdict !== null && { verdict: row.verdict }),
    categories: JSON.parse(row.categories) as Category[],
    orgs: JSON.parse(row.orgs) as string[],
  };
}

/** Items newest first (by when they were posted), with keyset pages that survive inserts. */
export class ItemQueries {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], ItemRow>;
  readonly #lists = new Map<string, Database.Statement<[Record<string, unknown>], SummaryRow>>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#get = db.prepare('SELECT * FROM item WHERE key = ?');
  }

  getItem(key: string): Item | undefined {
    const row = this.#get.get(key);
    return row && rowToItem(row);
  }

  listItems(query: ItemQuery): Page<ItemSummary> {
    const limit = checkLimit(query.limit);
    const params: Record<string, unknown> = { limit: limit + 1 };
    const filters: Filter[] = [];
    const add = (filter: Filter, values: Record<string, unknown>): void => {
      filters.push(filter);
      Object.assign(params, values);
    };
    if (query.chatId !== undefined) add('chatId', { chatId: query.chatId });
    if (query.verdict !== undefined) add('verdict', { verdict: query.verdict });
    if (query.category !== undefined) add('category', { category: query.category });
    if (query.org !== undefined) add('org', { org: query.org });
    if (query.from !== undefined) add('from', { fromMs: toEpochMs(query.from, 'from') });
    if (query.to !== undefined) add('to', { toMs: toEpochMs(query.to, 'to') });
    if (query.cursor !== undefined) {
      const [cursorMs, cursorKey] = decodeCursor(query.cursor, ['number', 'string']);
      add('cursor', { cursorMs, cursorKey });
    }
    const flagged = query.verdict !== undefined && query.verdict !== 'clear';
    const rows = this.#statement(filters, flagged).all(params);
    return toPage(rows, limit, toSummary, (row) => [row.posted_ms, row.key]);
  }

  #statement(filters: readonly Filter[], flagged: boolean): Database.Statement<[Record<string, unknown>], SummaryRow> {
    const sql = listSql(filters, flagged);
    let statement = this.#lists.get(sql);
    if (!statement) {
      statement = this.#db.prepare<[Record<string, unknown>], SummaryRow>(sql);
      this.#lists.set(sql, statement);
    }
    return statement;
  }
}
