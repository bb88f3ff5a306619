import type pg from 'pg';
import type {
  QueuedReferral,
  ReferralBatchRecord,
  ReferralBatchSummary,
  ReferralOutcomeRecord,
  ReferralStore,
} from '../ports.js';
import { type BatchRow, type OutcomeRow, toOutcome, toSummary } from '../sqlite/referral-queries.js';
import { inTransaction } from './pool.js';
import { pgGuard } from './storage-error.js';

const SUMMARY = 'SELECT batch_id, platform, created_at, window_start, window_end, item_count FROM referral_batch';
const OUTCOME = 'SELECT o.* FROM referral_outcome o JOIN referral_batch b ON b.batch_id = o.batch_id';
const OUTCOME_ORDER = 'ORDER BY o.referred_at, o.decision_id';

/* `time_to_removal_ms` is BIGINT (a removal may take longer than 2^31 ms), a string from pg. */
function outcomeRow(row: OutcomeRow): ReferralOutcomeRecord {
  return toOutcome({
    ...row,
    time_to_removal_ms: row.time_to_removal_ms === null ? null : Number(row.time_to_removal_ms),
  });
}

/**
 * The ReferralStore port on PostgreSQL, with the SQLite adapter's codec. A batch, its outcomes
 * and taking its decisions off the queue commit together; the batch insert goes first and
 * conflicts on the batch id, so a second saver of the same batch waits for the first, then
 * finds it saved and changes nothing.
 */
export class PgReferralStore implements ReferralStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async queueReferral(referral: QueuedReferral, queuedAt: string): Promise<void> {
    await pgGuard('queueReferral', () =>
      this.#pool.query(
        `INSERT INTO referral_queue (decision_id, platform, decided_at, referral, queued_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (decision_id) DO NOTHING`,
        [referral.decisionId, referral.platform, referral.decidedAt, JSON.stringify(referral), queuedAt],
      ),
    );
  }

  async listQueuedReferrals(): Promise<QueuedReferral[]> {
    return pgGuard('listQueuedReferrals', async () => {
      const { rows } = await this.#pool.query<{ referral: string }>(
        'SELECT referral FROM referral_queue WHERE batch_id IS NULL ORDER BY decided_at, decision_id',
      );
      return rows.map((row) => JSON.parse(row.referral) as QueuedReferral);
    });
  }

  async saveReferralBatch(batch: ReferralBatchRecord, outcomes: readonly ReferralOutcomeRecord[]): Promise<void> {
    await pgGuard('saveReferralBatch', () =>
      inTransaction(this.#pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO referral_batch (batch_id, platform, created_at, window_start, window_end, item_count, batch)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (batch_id) DO NOTHING`,
          [
            batch.batchId,
            batch.platform,
            batch.createdAt,
            batch.windowStart,
            batch.windowEnd,
            batch.itemCount,
            JSON.stringify(batch),
          ],
        );
        // The same batch saved twice (a rerun): keep the first, its outcomes may have moved on.
        if (inserted.rowCount === 0) return;
        const column = <K extends keyof ReferralOutcomeRecord>(key: K) => outcomes.map((o) => o[key] ?? null);
        await client.query(
          `INSERT INTO referral_outcome (decision_id, batch_id, item_link, referred_at, status, observed_at, source,
           time_to_removal_ms)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::bigint[])
           ON CONFLICT (decision_id) DO NOTHING`,
          [
            column('decisionId'),
            column('batchId'),
            column('itemLink'),
            column('referredAt'),
            column('status'),
            column('observedAt'),
            column('source'),
            column('timeToRemovalMs'),
          ],
        );
        await client.query(
          'UPDATE referral_queue SET batch_id = $1 WHERE decision_id = ANY($2::text[]) AND batch_id IS NULL',
          [batch.batchId, batch.items.map((item) => item.decisionId)],
        );
      }),
    );
  }

  async listReferralBatches(query: { platform?: string }): Promise<ReferralBatchSummary[]> {
    return pgGuard('listReferralBatches', async () => {
      const { rows } =
        query.platform === undefined
          ? await this.#pool.query<BatchRow>(`${SUMMARY} ORDER BY window_start DESC, platform`)
          : await this.#pool.query<BatchRow>(`${SUMMARY} WHERE platform = $1 ORDER BY window_start DESC`, [
              query.platform,
            ]);
      return rows.map(toSummary);
    });
  }

  async getReferralBatch(batchId: string): Promise<ReferralBatchRecord | undefined> {
    return pgGuard('getReferralBatch', async () => {
      const { rows } = await this.#pool.query<{ batch: string }>(
        'SELECT batch FROM referral_batch WHERE batch_id = $1',
        [batchId],
      );
      return rows[0] && (JSON.parse(rows[0].batch) as ReferralBatchRecord);
    });
  }

  async listReferralOutcomes(query: { batchId?: string; platform?: string }): Promise<ReferralOutcomeRecord[]> {
    return pgGuard('listReferralOutcomes', async () => {
      const { rows } =
        query.batchId !== undefined
          ? await this.#pool.query<OutcomeRow>(`${OUTCOME} WHERE o.batch_id = $1 ${OUTCOME_ORDER}`, [query.batchId])
          : query.platform !== undefined
            ? await this.#pool.query<OutcomeRow>(`${OUTCOME} WHERE b.platform = $1 ${OUTCOME_ORDER}`, [query.platform])
            : await this.#pool.query<OutcomeRow>(`${OUTCOME} ${OUTCOME_ORDER}`);
      return rows.map(outcomeRow);
    });
  }

  async getReferralOutcome(decisionId: string): Promise<ReferralOutcomeRecord | undefined> {
    return pgGuard('getReferralOutcome', async () => {
      const { rows } = await this.#pool.query<OutcomeRow>('SELECT * FROM referral_outcome WHERE decision_id = $1', [
        decisionId,
      ]);
      return rows[0] && outcomeRow(rows[0]);
    });
  }

  async setReferralOutcome(o: ReferralOutcomeRecord): Promise<void> {
    await pgGuard('setReferralOutcome', () =>
      this.#pool.query(
        `UPDATE referral_outcome SET status = $2, observed_at = $3, source = $4, time_to_removal_ms = $5
         WHERE decision_id = $1`,
        [o.decisionId, o.status, o.observedAt ?? null, o.source ?? null, o.timeToRemovalMs ?? null],
      ),
    );
  }
}
