import type Database from 'better-sqlite3';
import type { ChannelClosure, ClosureSource } from '../../core/index.js';
import type { NetworkRow } from '../closure-ports.js';
import type { Page } from '../ports.js';
import { orgsOf } from './assessment-labels.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';
import { type ItemRow, rowToItem } from './item-codec.js';

/** A closure's row, the same in both dialects (PostgreSQL's store decodes with this too). */
export interface ClosureRow {
  seq: number | string;
  platform: string;
  chat_ref: string;
  node_id: string | null;
  closed_at: string;
  source: ClosureSource;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export function closureCells(c: ChannelClosure): unknown[] {
  return [c.platform, c.chatRef, c.nodeId ?? null, c.closedAt, c.source, c.note ?? null, c.recordedBy, c.recordedAt];
}

export function decodeClosure(row: ClosureRow): ChannelClosure {
  return {
    platform: row.platform,
    chatRef: row.chat_ref,
    ...(row.node_id !== null && { nodeId: row.node_id }),
    closedAt: row.closed_at,
    source: row.source,
    ...(row.note !== null && { note: row.note }),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** The cursor of a closure page: its closing time and insertion order. */
export const closureKey = (row: ClosureRow): [string, number] => [row.closed_at, Number(row.seq)];
export const CLOSURE_CURSOR = ['string', 'number'] as const;

/** An item row with its assessment's tactics and orgs as JSON arrays (null: not assessed). */
export interface NetworkItemRow extends ItemRow {
  tactics: string | null;
  orgs: string | null;
}

export function decodeNetworkRow(row: NetworkItemRow, toItem: (row: ItemRow) => NetworkRow['item']): NetworkRow {
  return {
    item: toItem(row),
    tactics: row.tactics === null ? [] : (JSON.parse(row.tactics) as string[]),
    orgs: row.orgs === null ? [] : (JSON.parse(row.orgs) as string[]),
  };
}

export const NETWORK_CURSOR = ['number', 'string'] as const;

/** The ChannelClosureStore port's SQL, on the main connection: closures are a few a day. */
export class ClosureQueries {
  readonly #insert: Database.Statement<unknown[]>;
  readonly #list: Database.Statement<[Record<string, unknown>], ClosureRow>;
  readonly #networkFirst: Database.Statement<[Record<string, unknown>], NetworkItemRow>;
  readonly #networkNext: Database.Statement<[Record<string, unknown>], NetworkItemRow>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(`INSERT OR IGNORE INTO channel_closure (platform, chat_ref, node_id, closed_at, source,
      note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#list = db.prepare(`SELECT * FROM channel_closure
      WHERE (@platform IS NULL OR platform = @platform)
        AND (@cursorAt IS NULL OR (closed_at, seq) > (@cursorAt, @cursorSeq))
      ORDER BY closed_at, seq LIMIT @limit`);
    // Walks the item's (posted_ms, key) index oldest first; the assessment is one key lookup.
    // The first page and the later ones are separate statements so that a page starts at its
    // cursor in the index instead of filtering every row before it.
    const network = (where: string) =>
      db.prepare<[Record<string, unknown>], NetworkItemRow>(`SELECT i.*,
          CASE WHEN a.item_key IS NULL THEN NULL ELSE json_extract(a.document, '$.tactics') END AS tactics,
          CASE WHEN a.item_key IS NULL THEN NULL ELSE ${orgsOf('i.key')} END AS orgs
        FROM item i LEFT JOIN assessment a ON a.item_key = i.key
        ${where} ORDER BY i.posted_ms, i.key LIMIT @limit`);
    this.#networkFirst = network('');
    this.#networkNext = network('WHERE (i.posted_ms, i.key) > (@cursorMs, @cursorKey)');
  }

  record(closure: ChannelClosure): boolean {
    return this.#insert.run(...closureCells(closure)).changes === 1;
  }

  list(query: { platform?: string; limit: number; cursor?: string }): Page<ChannelClosure> {
    const limit = checkLimit(query.limit);
    const [cursorAt, cursorSeq] =
      query.cursor === undefined ? [null, null] : decodeCursor(query.cursor, CLOSURE_CURSOR);
    const rows = this.#list.all({ platform: query.platform ?? null, cursorAt, cursorSeq, limit: limit + 1 });
    return toPage(rows, limit, decodeClosure, closureKey);
  }

  networkRows(limit: number, cursor?: string): Page<NetworkRow> {
    checkLimit(limit);
    let rows: NetworkItemRow[];
    if (cursor === undefined) rows = this.#networkFirst.all({ limit: limit + 1 });
    else {
      const [cursorMs, cursorKey] = decodeCursor(cursor, NETWORK_CURSOR);
      rows = this.#networkNext.all({ cursorMs, cursorKey, limit: limit + 1 });
    }
    return toPage(
      rows,
      limit,
      (row) => decodeNetworkRow(row, rowToItem),
      (row) => [row.posted_ms, row.key],
    );
  }
}
