import type Database from 'better-sqlite3';
import type { QueuedReferral, ReferralBatchRecord, ReferralBatchSummary, ReferralOutcomeRecord } from '../ports.js';

export interface BatchRow {
  batch_id: string;
  platform: string;
  created_at: string;
  window_start: string;
  window_end: string;
  item_count: number;
}

export interface OutcomeRow {
  decision_id: string;
  batch_id: string;
  item_link: string;
  referred_at: string;
  status: ReferralOutcomeRecord['status'];
  observed_at: string | null;
  source: ReferralOutcomeRecord['source'] | null;
  time_to_removal_ms: number | null;
}

const SUMMARY = 'SELECT batch_id, platform, created_at, window_start, window_end, item_count FROM referral_batch';
const OUTCOME = 'SELECT o.* FROM referral_outcome o JOIN referral_batch b ON b.batch_id = o.batch_id';

export function toSummary(row: BatchRow): ReferralBatchSummary {
  return {
    batchId: row.batch_id,
    platform: row.platform,
    createdAt: row.created_at,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    itemCount: row.item_count,
  };
}

export function toOutcome(row: OutcomeRow): ReferralOutcomeRecord {
  return {
    decisionId: row.decision_id,
    itemLink: row.item_link,
    batchId: row.batch_id,
    referredAt: row.referred_at,
    status: row.status,
    ...(row.observed_at !== null && { observedAt: row.observed_at }),
    ...(row.source !== null && { source: row.source }),
    ...(row.time_to_removal_ms !== null && { timeToRemovalMs: row.time_to_removal_ms }),
  };
}

function outcomeParams(o: ReferralOutcomeRecord): Record<string, unknown> {
  return {
    decision_id: o.decisionId,
    batch_id: o.batchId,
    item_link: o.itemLink,
    referred_at: o.referredAt,
    status: o.status,
    observed_at: o.observedAt ?? null,
    source: o.source ?? null,
    time_to_removal_ms: o.timeToRemovalMs ?? null,
  };
}

/** The ReferralStore port's SQL: a few writes an hour (decisions, batch builds, callbacks). */
export class ReferralQueries {
  readonly #queue: Database.Statement<[Record<string, unknown>]>;
  readonly #queued: Database.Statement<[], { referral: string }>;
  readonly #insertBatch: Database.Statement<[Record<string, unknown>]>;
  readonly #insertOutcome: Database.Statement<[Record<string, unknown>]>;
  readonly #take: Database.Statement<[string, string]>;
  readonly #upsertOutcome: Database.Statement<[Record<string, unknown>]>;
  readonly #all: Database.Statement<[], BatchRow>;
  readonly #byPlatform: Database.Statement<[string], BatchRow>;
  readonly #batch: Database.Statement<[string], { batch: string }>;
  readonly #outcomes: Database.Statement<[], OutcomeRow>;
  readonly #outcomesOfBatch: Database.Statement<[string], OutcomeRow>;
  readonly #outcomesOfPlatform: Database.Statement<[string], OutcomeRow>;
  readonly #outcome: Database.Statement<[string], OutcomeRow>;
  readonly #saveTx: Database.Transaction<
    (batch: ReferralBatchRecord, outcomes: readonly ReferralOutcomeRecord[]) => void
  >;

  constructor(db: Database.Database) {
    this.#queue = db.prepare(`INSERT OR IGNORE INTO referral_queue (decision_id, platform, decided_at, referral,
      queued_at) VALUES (@decision_id, @platform, @decided_at, @referral, @queued_at)`);
    this.#queued = db.prepare(
      'SELECT referral FROM referral_queue WHERE batch_id IS NULL ORDER BY decided_at, decision_id',
    );
    this.#insertBatch = db.prepare(`INSERT OR IGNORE INTO referral_batch (batch_id, platform, created_at, window_start,
      window_end, item_count, batch) VALUES (@batch_id, @platform, @created_at, @window_start, @window_end,
      @item_count, @batch)`);
    this.#insertOutcome = db.prepare(`INSERT OR IGNORE INTO referral_outcome (decision_id, batch_id, item_link,
      referred_at, status, observed_at, source, time_to_removal_ms) VALUES (@decision_id, @batch_id, @item_link,
      @referred_at, @status, @observed_at, @source, @time_to_removal_ms)`);
    this.#take = db.prepare('UPDATE referral_queue SET batch_id = ? WHERE decision_id = ? AND batch_id IS NULL');
    this.#upsertOutcome = db.prepare(`UPDATE referral_outcome SET status = @status, observed_at = @observed_at,
      source = @source, time_to_removal_ms = @time_to_removal_ms WHERE decision_id = @decision_id`);
    this.#all = db.prepare(`${SUMMARY} ORDER BY window_start DESC, platform`);
    this.#byPlatform = db.prepare(`${SUMMARY} WHERE platform = ? ORDER BY window_start DESC`);
    this.#batch = db.prepare('SELECT batch FROM referral_batch WHERE batch_id = ?');
    this.#outcomes = db.prepare(`${OUTCOME} ORDER BY o.referred_at, o.decision_id`);
    this.#outcomesOfBatch = db.prepare(`${OUTCOME} WHERE o.batch_id = ? ORDER BY o.referred_at, o.decision_id`);
    this.#outcomesOfPlatform = db.prepare(`${OUTCOME} WHERE b.platform = ? ORDER BY o.referred_at, o.decision_id`);
    this.#outcome = db.prepare('SELECT * FROM referral_outcome WHERE decision_id = ?');
    this.#saveTx = db.transaction((batch: ReferralBatchRecord, outcomes: readonly ReferralOutcomeRecord[]) => {
      const inserted = this.#insertBatch.run({
        batch_id: batch.batchId,
        platform: batch.platform,
        created_at: batch.createdAt,
        window_start: batch.windowStart,
        window_end: batch.windowEnd,
        item_count: batch.itemCount,
        batch: JSON.stringify(batch),
      });
      // The same batch saved twice (a rerun): keep the first, its outcomes may have moved on.
      if (inserted.changes === 0) return;
      for (const outcome of outcomes) this.#insertOutcome.run(outcomeParams(outcome));
      for (const item of batch.items) this.#take.run(batch.batchId, item.decisionId);
    });
  }

  queue(referral: QueuedReferral, queuedAt: string): void {
    this.#queue.run({
      decision_id: referral.decisionId,
      platform: referral.platform,
      decided_at: referral.decidedAt,
      referral: JSON.stringify(referral),
      queued_at: queuedAt,
    });
  }

  queued(): QueuedReferral[] {
    return this.#queued.all().map((row) => JSON.parse(row.referral) as QueuedReferral);
  }

  save(batch: ReferralBatchRecord, outcomes: readonly ReferralOutcomeRecord[]): void {
    this.#saveTx.immediate(batch, outcomes);
  }

  list(query: { platform?: string }): ReferralBatchSummary[] {
    const rows = query.platform === undefined ? this.#all.all() : this.#byPlatform.all(query.platform);
    return rows.map(toSummary);
  }

  get(batchId: string): ReferralBatchRecord | undefined {
    const row = this.#batch.get(batchId);
    return row && (JSON.parse(row.batch) as ReferralBatchRecord);
  }

  outcomes(query: { batchId?: string; platform?: string }): ReferralOutcomeRecord[] {
    if (query.batchId !== undefined) return this.#outcomesOfBatch.all(query.batchId).map(toOutcome);
    if (query.platform !== undefined) return this.#outcomesOfPlatform.all(query.platform).map(toOutcome);
    return this.#outcomes.all().map(toOutcome);
  }

  outcome(decisionId: string): ReferralOutcomeRecord | undefined {
    const row = this.#outcome.get(decisionId);
    return row && toOutcome(row);
  }

  setOutcome(outcome: ReferralOutcomeRecord): void {
    this.#upsertOutcome.run(outcomeParams(outcome));
  }
}
