import type pg from 'pg';
import { decodeItemVersions, type ItemVersionRow, messageKeyRange, STANDING } from '../sqlite/item-version-queries.js';
import type { ItemVersionStore, ItemVersionSummary } from '../telegram-ports.js';
import { pgGuard } from './storage-error.js';

/*
 * One range of the item key index in each month partition (`messageKeyRange`; keys are COLLATE
 * "C", byte order); the assessment is joined on its posted time too, so it is looked up in the
 * item's own partition.
 */
const LIST = `
  SELECT i.key, i.version, a.verdict,
    (SELECT s.projection::jsonb -> 'decision' ->> 'outcome' FROM review_case c
       JOIN review_state s ON s.case_id = c.id
     WHERE c.item_key = i.key AND ${STANDING} ORDER BY s.updated_at DESC LIMIT 1) AS decision
  FROM item i LEFT JOIN assessment a ON a.item_key = i.key AND a.posted_ms = i.posted_ms
  WHERE i.key >= $4 AND i.key < $5 AND i.platform = $1 AND i.chat_id = $2 AND i.message_id = $3
  ORDER BY i.version, i.key`;

/** The ItemVersionStore port on PostgreSQL, with the SQLite adapter's decoding. */
export class PgItemVersionStore implements ItemVersionStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async listItemVersions(platform: string, chatId: string, messageId: string): Promise<ItemVersionSummary[]> {
    return pgGuard('listItemVersions', async () => {
      const [lo, hi] = messageKeyRange(platform, chatId, messageId);
      const { rows } = await this.#pool.query<ItemVersionRow>(LIST, [platform, chatId, messageId, lo, hi]);
      return decodeItemVersions(rows);
    });
  }
}
