import type pg from 'pg';
import type { ChannelClosure } from '../../core/index.js';
import type { ChannelClosureStore, NetworkRow } from '../closure-ports.js';
import type { Page } from '../ports.js';
import {
  CLOSURE_CURSOR,
  type ClosureRow,
  closureCells,
  closureKey,
  decodeClosure,
  decodeNetworkRow,
  NETWORK_CURSOR,
  type NetworkItemRow,
} from '../sqlite/closure-queries.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';
import { orgsOf } from './labels.js';
import { storedItem } from './nul-text.js';
import { pgGuard } from './storage-error.js';

/*
 * The item walk goes along each month partition's (posted_ms, key) index; the tactics are read
 * out of the assessment document as text so both dialects decode the same JSON.
 */
const NETWORK_SQL = (where: string): string => `
  SELECT i.key, i.platform, i.chat_id, i.message_id, i.version, i.posted_at, i.posted_ms::float8 AS posted_ms,
    i.text, i.document,
    CASE WHEN a.item_key IS NULL THEN NULL ELSE (a.document::jsonb -> 'tactics')::text END AS tactics,
    CASE WHEN a.item_key IS NULL THEN NULL ELSE array_to_json(${orgsOf('i.key', 'i.posted_ms')})::text END AS orgs
  FROM item i LEFT JOIN assessment a ON a.item_key = i.key AND a.posted_ms = i.posted_ms
  ${where} ORDER BY i.posted_ms, i.key LIMIT $1`;

/**
 * The ChannelClosureStore port on PostgreSQL. Recording is one INSERT … ON CONFLICT DO NOTHING,
 * so the same closure reported twice at once by two processes stays one row.
 */
export class PgClosureStore implements ChannelClosureStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async recordClosure(closure: ChannelClosure): Promise<boolean> {
    return pgGuard('recordClosure', async () => {
      const inserted = await this.#pool.query(
        `INSERT INTO channel_closure (platform, chat_ref, node_id, closed_at, source, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        closureCells(closure),
      );
      return inserted.rowCount === 1;
    });
  }

  async listClosures(query: { platform?: string; limit: number; cursor?: string }): Promise<Page<ChannelClosure>> {
    return pgGuard('listClosures', async () => {
      const limit = checkLimit(query.limit);
      const [at, seq] = query.cursor === undefined ? [null, null] : decodeCursor(query.cursor, CLOSURE_CURSOR);
      const { rows } = await this.#pool.query<ClosureRow>(
        `SELECT * FROM channel_closure WHERE ($1::text IS NULL OR platform = $1)
           AND ($2::text IS NULL OR (closed_at, seq) > ($2::text, $3::bigint))
         ORDER BY closed_at, seq LIMIT $4`,
        [query.platform ?? null, at, seq, limit + 1],
      );
      return toPage(rows, limit, decodeClosure, closureKey);
    });
  }

  async listNetworkRows(limit: number, cursor?: string): Promise<Page<NetworkRow>> {
    return pgGuard('listNetworkRows', async () => {
      checkLimit(limit);
      let rows: NetworkItemRow[];
      if (cursor === undefined) rows = (await this.#pool.query<NetworkItemRow>(NETWORK_SQL(''), [limit + 1])).rows;
      else {
        const [ms, key] = decodeCursor(cursor, NETWORK_CURSOR);
        const where = 'WHERE (i.posted_ms, i.key) > ($2::bigint, $3::text)';
        rows = (await this.#pool.query<NetworkItemRow>(NETWORK_SQL(where), [limit + 1, ms, key])).rows;
      }
      return toPage(
        rows,
        limit,
        (row) => decodeNetworkRow(row, storedItem),
        (row) => [Number(row.posted_ms), row.key],
      );
    });
  }
}
