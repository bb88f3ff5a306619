import type Database from 'better-sqlite3';
import type { Evidence, EvidenceSummary, NewEvidence, Page } from '../ports.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';

export interface SummaryRow {
  id: number;
  case_id: string;
  item_key: string;
  decided_at: string;
  preserved_at: string;
  purge_after: string;
  media_count: number;
}

export interface EvidenceRow {
  id: number;
  case_id: string;
  item_key: string;
  item: string;
  assessment: string | null;
  decision: string;
  media: string;
  preserved_at: string;
  purge_after: string;
}

const SUMMARY =
  'SELECT id, case_id, item_key, decided_at, preserved_at, purge_after, json_array_length(media) AS media_count FROM evidence';

export function toSummary(row: SummaryRow): EvidenceSummary {
  return {
    id: row.id,
    caseId: row.case_id,
    itemKey: row.item_key,
    decidedAt: row.decided_at,
    preservedAt: row.preserved_at,
    purgeAfter: row.purge_after,
    media: row.media_count,
  };
}

export function toEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    caseId: row.case_id,
    itemKey: row.item_key,
    item: JSON.parse(row.item) as Evidence['item'],
    ...(row.assessment !== null && { assessment: JSON.parse(row.assessment) as Evidence['assessment'] }),
    decision: JSON.parse(row.decision) as Evidence['decision'],
    media: JSON.parse(row.media) as Evidence['media'],
    preservedAt: row.preserved_at,
    purgeAfter: row.purge_after,
  };
}

/** The EvidenceStore port's SQL. Rare writes (one per removal, one per purge run) on the store's connection. */
export class EvidenceQueries {
  readonly #insert: Database.Statement<[Record<string, unknown>]>;
  readonly #byDecision: Database.Statement<[string, string], EvidenceRow>;
  readonly #byId: Database.Statement<[number], EvidenceRow>;
  readonly #page: Database.Statement<[number, number], SummaryRow>;
  readonly #expired: Database.Statement<[string], SummaryRow>;
  readonly #delete: Database.Statement<[number, string]>;
  readonly #deleteTx: Database.Transaction<(ids: readonly number[], now: string) => number>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(`INSERT OR IGNORE INTO evidence (case_id, item_key, decided_at, item, assessment,
      decision, media, preserved_at, purge_after) VALUES (@case_id, @item_key, @decided_at, @item, @assessment,
      @decision, @media, @preserved_at, @purge_after)`);
    this.#byDecision = db.prepare('SELECT * FROM evidence WHERE case_id = ? AND decided_at = ?');
    this.#byId = db.prepare('SELECT * FROM evidence WHERE id = ?');
    this.#page = db.prepare(`${SUMMARY} WHERE id > ? ORDER BY id LIMIT ?`);
    this.#expired = db.prepare(`${SUMMARY} WHERE purge_after <= ? ORDER BY id`);
    // The expiry is checked again here, not trusted from the caller's list.
    this.#delete = db.prepare('DELETE FROM evidence WHERE id = ? AND purge_after <= ?');
    this.#deleteTx = db.transaction((ids: readonly number[], now: string) =>
      ids.reduce((n, id) => n + this.#delete.run(id, now).changes, 0),
    );
  }

  preserve(e: NewEvidence): Evidence {
    this.#insert.run({
      case_id: e.caseId,
      item_key: e.itemKey,
      decided_at: e.decision.decidedAt,
      item: JSON.stringify(e.item),
      assessment: e.assessment === undefined ? null : JSON.stringify(e.assessment),
      decision: JSON.stringify(e.decision),
      media: JSON.stringify(e.media),
      preserved_at: e.preservedAt,
      purge_after: e.purgeAfter,
    });
    const row = this.#byDecision.get(e.caseId, e.decision.decidedAt);
    if (!row) throw new Error(`evidence for case ${e.caseId} was not stored`);
    return toEvidence(row);
  }

  get(id: number): Evidence | undefined {
    const row = this.#byId.get(id);
    return row && toEvidence(row);
  }

  list(query: { limit: number; cursor?: string }): Page<EvidenceSummary> {
    const limit = checkLimit(query.limit);
    const after = query.cursor === undefined ? 0 : Number(decodeCursor(query.cursor, ['number'])[0]);
    return toPage(this.#page.all(after, limit + 1), limit, toSummary, (row) => [row.id]);
  }

  expired(now: string): EvidenceSummary[] {
    return this.#expired.all(now).map(toSummary);
  }

  deleteExpired(ids: readonly number[], now: string): number {
    return this.#deleteTx.immediate(ids, now);
  }
}
