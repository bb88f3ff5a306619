import type Database from 'better-sqlite3';
import { itemKey } from '../../core/index.js';
import type { ItemVersionSummary } from '../ports.js';

/** One version of a message with its verdict and its case's standing decision (nulls: none). */
export interface ItemVersionRow {
  key: string;
  version: number;
  verdict: ItemVersionSummary['verdict'] | null;
  decision: ItemVersionSummary['decision'] | null;
}

/**
 * A decision stands while its case is decided or closed (review's `finalVerdict` reads it so);
 * an appeal reopens the case and the old decision no longer counts. Read from the review
 * projection, not by replaying case events.
 */
export const STANDING = "s.status IN ('decided', 'closed')";

/**
 * The keys of one message's versions are `platform/chat/message/<version>`: one range of the
 * item key index, [`…/message/`, `…/message0`) in byte order ('0' follows '/'). Reading that
 * range answers the lookup without a fourth index on `item`, which cost every scanned item
 * another index insert (10–40% of an item insert here). The column equalities stay, in case an
 * id itself holds a '/' and another message's keys share the prefix.
 */
export function messageKeyRange(platform: string, chatId: string, messageId: string): [string, string] {
  const lowest = itemKey({ platform, chat: { id: chatId }, messageId, version: 0 });
  const prefix = lowest.slice(0, lowest.lastIndexOf('/') + 1);
  return [prefix, `${prefix.slice(0, -1)}0`];
}

/** Every version once, oldest first (PostgreSQL may hold a version twice across months: docs/postgres.md). */
export function decodeItemVersions(rows: readonly ItemVersionRow[]): ItemVersionSummary[] {
  const seen = new Set<string>();
  const out: ItemVersionSummary[] = [];
  for (const row of rows) {
    if (seen.has(row.key)) continue;
    seen.add(row.key);
    out.push({
      key: row.key,
      version: Number(row.version),
      ...(row.verdict !== null && { verdict: row.verdict }),
      ...(row.decision !== null && { decision: row.decision }),
    });
  }
  return out;
}

/** `+i.chat_id` keeps the planner off `item_by_chat`, which would walk the whole chat; the key range is the narrow one. */
export const ITEM_VERSIONS_SQL = `SELECT i.key, i.version, a.verdict,
    (SELECT json_extract(s.projection, '$.decision.outcome') FROM review_case c
       JOIN review_state s ON s.case_id = c.id
     WHERE c.item_key = i.key AND ${STANDING} ORDER BY s.updated_at DESC LIMIT 1) AS decision
  FROM item i LEFT JOIN assessment a ON a.item_key = i.key
  WHERE i.key >= @lo AND i.key < @hi AND i.platform = @platform AND +i.chat_id = @chatId AND i.message_id = @messageId
  ORDER BY i.version, i.key`;

/** The ItemVersionStore port on SQLite. */
export class ItemVersionQueries {
  readonly #list: Database.Statement<[Record<string, string>], ItemVersionRow>;

  constructor(db: Database.Database) {
    this.#list = db.prepare(ITEM_VERSIONS_SQL);
  }

  listItemVersions(platform: string, chatId: string, messageId: string): ItemVersionSummary[] {
    const [lo, hi] = messageKeyRange(platform, chatId, messageId);
    return decodeItemVersions(this.#list.all({ lo, hi, platform, chatId, messageId }));
  }
}
