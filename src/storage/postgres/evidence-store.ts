import type pg from 'pg';
import type { Evidence, EvidenceStore, EvidenceSummary, NewEvidence, Page } from '../ports.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';
import { type EvidenceRow, type SummaryRow, toEvidence, toSummary } from '../sqlite/evidence-queries.js';
import { pgGuard } from './storage-error.js';

const SUMMARY = `SELECT id, case_id, item_key, decided_at, preserved_at, purge_after,
  json_array_length(media::json) AS media_count FROM evidence`;

/* `id` is BIGINT, which pg hands back as a string. */
const summaryRow = (row: SummaryRow): EvidenceSummary => toSummary({ ...row, id: Number(row.id) });
const evidenceRow = (row: EvidenceRow): Evidence => toEvidence({ ...row, id: Number(row.id) });

/**
 * The EvidenceStore port on PostgreSQL, with the SQLite adapter's codec. Preserving is one
 * INSERT … ON CONFLICT on the decision's unique key, so two processes preserving the same
 * decision at once still leave one record, and both get it back.
 */
export class PgEvidenceStore implements EvidenceStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async preserveEvidence(e: NewEvidence): Promise<Evidence> {
    return pgGuard('preserveEvidence', async () => {
      await this.#pool.query(
        `INSERT INTO evidence (case_id, item_key, decided_at, item, assessment, decision, media, preserved_at,
         purge_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (case_id, decided_at) DO NOTHING`,
        [
          e.caseId,
          e.itemKey,
          e.decision.decidedAt,
          JSON.stringify(e.item),
          e.assessment === undefined ? null : JSON.stringify(e.assessment),
          JSON.stringify(e.decision),
          JSON.stringify(e.media),
          e.preservedAt,
          e.purgeAfter,
        ],
      );
      const { rows } = await this.#pool.query<EvidenceRow>(
        'SELECT * FROM evidence WHERE case_id = $1 AND decided_at = $2',
        [e.caseId, e.decision.decidedAt],
      );
      if (!rows[0]) throw new Error(`evidence for case ${e.caseId} was not stored`);
      return evidenceRow(rows[0]);
    });
  }

  async getEvidence(id: number): Promise<Evidence | undefined> {
    return pgGuard('getEvidence', async () => {
      // An id beyond BIGINT (or not whole) names no record; asking would be a server error.
      if (!Number.isSafeInteger(id)) return undefined;
      const { rows } = await this.#pool.query<EvidenceRow>('SELECT * FROM evidence WHERE id = $1', [id]);
      return rows[0] && evidenceRow(rows[0]);
    });
  }

  async listEvidence(query: { limit: number; cursor?: string }): Promise<Page<EvidenceSummary>> {
    return pgGuard('listEvidence', async () => {
      const limit = checkLimit(query.limit);
      const after = query.cursor === undefined ? 0 : Number(decodeCursor(query.cursor, ['number'])[0]);
      const { rows } = await this.#pool.query<SummaryRow>(`${SUMMARY} WHERE id > $1 ORDER BY id LIMIT $2`, [
        after,
        limit + 1,
      ]);
      return toPage(rows, limit, summaryRow, (row) => [Number(row.id)]);
    });
  }

  async listExpiredEvidence(now: string): Promise<EvidenceSummary[]> {
    return pgGuard('listExpiredEvidence', async () => {
      const { rows } = await this.#pool.query<SummaryRow>(`${SUMMARY} WHERE purge_after <= $1 ORDER BY id`, [now]);
      return rows.map(summaryRow);
    });
  }

  async deleteExpiredEvidence(ids: readonly number[], now: string): Promise<number> {
    return pgGuard('deleteExpiredEvidence', async () => {
      const wanted = ids.filter((id) => Number.isSafeInteger(id));
      if (wanted.length === 0) return 0;
      // The expiry is checked again here, not trusted from the caller's list.
      const deleted = await this.#pool.query(
        'DELETE FROM evidence WHERE id = ANY($1::bigint[]) AND purge_after <= $2',
        [wanted, now],
      );
      return deleted.rowCount ?? 0;
    });
  }
}
