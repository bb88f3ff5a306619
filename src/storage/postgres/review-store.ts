import type pg from 'pg';
import { invalidInput } from '../../core/errors.js';
import type { Decision } from '../../core/index.js';
import type {
  DecidedCase,
  Page,
  PendingBankAdd,
  ReviewAppend,
  ReviewAppendResult,
  ReviewCaseQuery,
  ReviewCaseView,
  ReviewStore,
} from '../ports.js';
import { caseEventToRow } from '../sqlite/case-codec.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';
import { type ProjectionDoc, rowToView, type StateRow } from '../sqlite/review-queries.js';
import { inTransaction } from './pool.js';
import { pgGuard } from './storage-error.js';

const SELECT = 'SELECT s.*, c.item_key FROM review_state s JOIN review_case c ON c.id = s.case_id';
const FILTERS = ['queue', 'status', 'category', 'lang', 'org'] as const;

const UPSERT = `INSERT INTO review_state (case_id, queue, category, lang, org, graphic, rank, status, appealed,
  claimed_by, claim_expires_at, pending_bank_adds, decided_at, version, projection, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
  ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, appealed = excluded.appealed,
  claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at,
  pending_bank_adds = excluded.pending_bank_adds, decided_at = excluded.decided_at,
  version = excluded.version, projection = excluded.projection, updated_at = excluded.updated_at`;

/**
 * The ReviewStore port on PostgreSQL, with the SQLite adapter's codec. An append first locks its
 * case's `review_case` row (FOR UPDATE): appends to one case then take turns across processes,
 * and so does anything else inserting that case's events (their foreign key check needs a share
 * lock on the same row), so the event count read under the lock is the version the write
 * is based on, and a write based on a stale read is refused however many servers there are.
 */
export class PgReviewStore implements ReviewStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async appendReviewEvents(append: ReviewAppend): Promise<ReviewAppendResult> {
    return pgGuard('appendReviewEvents', () => inTransaction(this.#pool, (client) => this.#append(client, append)));
  }

  async #append(client: pg.PoolClient, a: ReviewAppend): Promise<ReviewAppendResult> {
    await client.query('SELECT 1 FROM review_case WHERE id = $1 FOR UPDATE', [a.caseId]);
    const keys = a.events.map(({ key }) => key);
    const stored = await client.query<{ key: string }>('SELECT key FROM case_event WHERE key = ANY($1::text[])', [
      keys,
    ]);
    const seen = new Set(stored.rows.map((row) => row.key));
    const fresh = a.events.filter(({ key }) => !seen.has(key));
    // All events stored already: a retry. No events at all: a projection-only write (enrolment).
    if (a.events.length > 0 && fresh.length === 0) return { ok: true, appended: 0 };
    const counted = await client.query<{ n: string }>('SELECT count(*) AS n FROM case_event WHERE case_id = $1', [
      a.caseId,
    ]);
    const version = Number(counted.rows[0]?.n ?? 0);
    if (version !== a.expectedVersion) return { ok: false, conflict: true, version };
    const existing = (await client.query<StateRow>(`${SELECT} WHERE s.case_id = $1`, [a.caseId])).rows[0];
    if (!existing && !a.routing) throw invalidInput(`case ${a.caseId} needs routing the first time review writes`);
    for (const { key, event } of fresh) {
      if (event.caseId !== a.caseId) throw invalidInput(`event for ${event.caseId} appended to ${a.caseId}`);
      const row = caseEventToRow(event);
      await client.query('INSERT INTO case_event (case_id, type, at, payload, key) VALUES ($1, $2, $3, $4, $5)', [
        row.case_id,
        row.type,
        row.at,
        row.payload,
        key,
      ]);
    }
    await this.#writeProjection(client, a, existing);
    for (const { event } of fresh) {
      if (event.type !== 'case.claimed') continue;
      await client.query(
        `INSERT INTO review_exposure (reviewer, day, case_id, graphic)
         SELECT $1, $2, case_id, graphic FROM review_state WHERE case_id = $3 ON CONFLICT DO NOTHING`,
        [event.reviewer, event.at.slice(0, 10), a.caseId],
      );
    }
    return { ok: true, appended: fresh.length };
  }

  async #writeProjection(client: pg.PoolClient, a: ReviewAppend, existing: StateRow | undefined): Promise<void> {
    const p = a.projection;
    const r = a.routing ?? (existing && rowToView(existing));
    if (!r) return;
    const doc: ProjectionDoc = { barred: p.barred, pendingBankAdds: p.pendingBankAdds };
    if (p.decision) doc.decision = p.decision;
    await client.query(UPSERT, [
      a.caseId,
      r.queue,
      r.category,
      r.lang,
      r.org,
      r.graphic ? 1 : 0,
      r.rank,
      p.status,
      p.appealed ? 1 : 0,
      p.claimedBy ?? null,
      p.claimExpiresAt ?? null,
      p.pendingBankAdds.length,
      p.decision && p.status === 'decided' ? p.decision.decidedAt : null,
      p.version,
      JSON.stringify(doc),
      p.updatedAt,
    ]);
  }

  async getReviewCase(caseId: string): Promise<ReviewCaseView | undefined> {
    return pgGuard('getReviewCase', async () => {
      const { rows } = await this.#pool.query<StateRow>(`${SELECT} WHERE s.case_id = $1`, [caseId]);
      return rows[0] && rowToView(rows[0]);
    });
  }

  async listReviewCases(query: ReviewCaseQuery): Promise<Page<ReviewCaseView>> {
    return pgGuard('listReviewCases', async () => {
      const limit = checkLimit(query.limit);
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown): string => {
        params.push(value);
        return `$${params.length}`;
      };
      for (const f of FILTERS) {
        const value = query[f];
        if (value !== undefined) where.push(`s.${f} = ${param(value)}`);
      }
      if (query.cursor !== undefined) {
        const [rank, id] = decodeCursor(query.cursor, ['number', 'string']);
        const r = param(rank);
        where.push(`(s.rank < ${r} OR (s.rank = ${r} AND s.case_id > ${param(id)}))`);
      }
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.rank DESC, s.case_id ASC LIMIT ${param(limit + 1)}`;
      const { rows } = await this.#pool.query<StateRow>(sql, params);
      return toPage(rows, limit, rowToView, (row) => [row.rank, row.case_id]);
    });
  }

  async listPendingBankAdds(limit: number): Promise<PendingBankAdd[]> {
    return pgGuard('listPendingBankAdds', async () => {
      const { rows } = await this.#pool.query<StateRow>(
        `${SELECT} WHERE s.pending_bank_adds > 0 ORDER BY s.case_id LIMIT $1`,
        [checkLimit(limit)],
      );
      return rows.flatMap((row) => rowToView(row).pendingBankAdds);
    });
  }

  async graphicExposure(reviewer: string, day: string): Promise<number> {
    return pgGuard('graphicExposure', async () => {
      const { rows } = await this.#pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM review_exposure WHERE reviewer = $1 AND day = $2 AND graphic = 1',
        [reviewer, day],
      );
      return Number(rows[0]?.n ?? 0);
    });
  }

  async listDecidedCases(limit: number, cursor?: string): Promise<Page<DecidedCase>> {
    return pgGuard('listDecidedCases', async () => {
      checkLimit(limit);
      const after = cursor === undefined ? undefined : decodeCursor(cursor, ['string', 'string']);
      const { rows } = await this.#pool.query<StateRow & { text: string }>(
        `SELECT s.*, c.item_key, i.text FROM review_state s JOIN review_case c ON c.id = s.case_id
         JOIN item i ON i.key = c.item_key WHERE s.decided_at IS NOT NULL
         ${after ? 'AND (s.decided_at > $2 OR (s.decided_at = $2 AND s.case_id > $3))' : ''}
         ORDER BY s.decided_at, s.case_id LIMIT $1`,
        after ? [limit + 1, after[0], after[1]] : [limit + 1],
      );
      return toPage(
        rows,
        limit,
        (row) => {
          const view = rowToView(row);
          return {
            caseId: view.caseId,
            itemKey: view.itemKey,
            text: row.text,
            lang: view.lang,
            decision: view.decision as Decision,
          };
        },
        (row) => [row.decided_at ?? '', row.case_id],
      );
    });
  }
}
