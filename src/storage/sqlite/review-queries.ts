import type Database from 'better-sqlite3';
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
  ReviewProjection,
} from '../ports.js';
import { caseEventToRow } from './case-codec.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';

export interface StateRow {
  case_id: string;
  item_key: string;
  queue: string;
  category: string;
  lang: string;
  org: string;
  graphic: number;
  rank: number;
  status: ReviewCaseView['status'];
  appealed: number;
  claimed_by: string | null;
  claim_expires_at: string | null;
  pending_bank_adds: number;
  decided_at: string | null;
  version: number;
  projection: string;
  updated_at: string;
}

/** What the columns do not carry, kept whole because it is read whole and never searched. */
export interface ProjectionDoc {
  barred: string[];
  decision?: Decision;
  pendingBankAdds: PendingBankAdd[];
}

const SELECT = 'SELECT s.*, c.item_key FROM review_state s JOIN review_case c ON c.id = s.case_id';
const FILTERS = ['queue', 'status', 'category', 'lang', 'org'] as const;

export class ReviewQueries {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], StateRow>;
  readonly #hasKey: Database.Statement<[string], { n: number }>;
  readonly #count: Database.Statement<[string], { n: number }>;
  readonly #insertEvent: Database.Statement<[Record<string, unknown>]>;
  readonly #upsert: Database.Statement<[Record<string, unknown>]>;
  readonly #expose: Database.Statement<[Record<string, unknown>]>;
  readonly #exposure: Database.Statement<[string, string], { n: number }>;
  readonly #pending: Database.Statement<[number], StateRow>;
  readonly #appendTx: Database.Transaction<(append: ReviewAppend) => ReviewAppendResult>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#get = db.prepare(`${SELECT} WHERE s.case_id = ?`);
    this.#hasKey = db.prepare('SELECT count(*) AS n FROM case_event WHERE key = ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM case_event WHERE case_id = ?');
    this.#insertEvent = db.prepare(
      'INSERT INTO case_event (case_id, type, at, payload, key) VALUES (@case_id, @type, @at, @payload, @key)',
    );
    this.#upsert = db.prepare(`INSERT INTO review_state (case_id, queue, category, lang, org, graphic, rank, status,
      appealed, claimed_by, claim_expires_at, pending_bank_adds, decided_at, version, projection, updated_at)
      VALUES (@case_id, @queue, @category, @lang, @org, @graphic, @rank, @status, @appealed, @claimed_by,
      @claim_expires_at, @pending_bank_adds, @decided_at, @version, @projection, @updated_at)
      ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, appealed = excluded.appealed,
      claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at,
      pending_bank_adds = excluded.pending_bank_adds, decided_at = excluded.decided_at,
      version = excluded.version, projection = excluded.projection, updated_at = excluded.updated_at`);
    this.#expose = db.prepare(`INSERT OR IGNORE INTO review_exposure (reviewer, day, case_id, graphic)
      SELECT @reviewer, @day, case_id, graphic FROM review_state WHERE case_id = @case_id`);
    this.#exposure = db.prepare(
      'SELECT count(*) AS n FROM review_exposure WHERE reviewer = ? AND day = ? AND graphic = 1',
    );
    this.#pending = db.prepare(`${SELECT} WHERE s.pending_bank_adds > 0 ORDER BY s.case_id LIMIT ?`);
    this.#appendTx = db.transaction((append: ReviewAppend) => this.#append(append));
  }

  /** One transaction, taken with the write lock (IMMEDIATE), so the version check cannot race. */
  append(append: ReviewAppend): ReviewAppendResult {
    return this.#appendTx.immediate(append);
  }

  #append(a: ReviewAppend): ReviewAppendResult {
    const fresh = a.events.filter(({ key }) => (this.#hasKey.get(key)?.n ?? 0) === 0);
    // All events stored already: a retry. No events at all: a projection-only write (enrolment).
    if (a.events.length > 0 && fresh.length === 0) return { ok: true, appended: 0 };
    const version = this.#count.get(a.caseId)?.n ?? 0;
    if (version !== a.expectedVersion) return { ok: false, conflict: true, version };
    const existing = this.#get.get(a.caseId);
    if (!existing && !a.routing) throw invalidInput(`case ${a.caseId} needs routing the first time review writes`);
    for (const { key, event } of fresh) {
      if (event.caseId !== a.caseId) throw invalidInput(`event for ${event.caseId} appended to ${a.caseId}`);
      this.#insertEvent.run({ ...caseEventToRow(event), key });
    }
    this.#writeProjection(a, existing);
    for (const { event } of fresh) {
      if (event.type === 'case.claimed') {
        this.#expose.run({ reviewer: event.reviewer, day: event.at.slice(0, 10), case_id: a.caseId });
      }
    }
    return { ok: true, appended: fresh.length };
  }

  #writeProjection(a: ReviewAppend, existing: StateRow | undefined): void {
    const p = a.projection;
    const r = a.routing ?? (existing && rowToView(existing));
    if (!r) return;
    const doc: ProjectionDoc = { barred: p.barred, pendingBankAdds: p.pendingBankAdds };
    if (p.decision) doc.decision = p.decision;
    this.#upsert.run({
      case_id: a.caseId,
      queue: r.queue,
      category: r.category,
      lang: r.lang,
      org: r.org,
      graphic: r.graphic ? 1 : 0,
      rank: r.rank,
      status: p.status,
      appealed: p.appealed ? 1 : 0,
      claimed_by: p.claimedBy ?? null,
      claim_expires_at: p.claimExpiresAt ?? null,
      pending_bank_adds: p.pendingBankAdds.length,
      decided_at: p.decision && p.status === 'decided' ? p.decision.decidedAt : null,
      version: p.version,
      projection: JSON.stringify(doc),
      updated_at: p.updatedAt,
    });
  }

  get(caseId: string): ReviewCaseView | undefined {
    const row = this.#get.get(caseId);
    return row && rowToView(row);
  }

  list(query: ReviewCaseQuery): Page<ReviewCaseView> {
    const limit = checkLimit(query.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    for (const f of FILTERS) {
      if (query[f] === undefined) continue;
      where.push(`s.${f} = @${f}`);
      params[f] = query[f];
    }
    if (query.cursor !== undefined) {
      const [rank, id] = decodeCursor(query.cursor, ['number', 'string']);
      where.push('(s.rank < @rank OR (s.rank = @rank AND s.case_id > @id))');
      Object.assign(params, { rank, id });
    }
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.rank DESC, s.case_id ASC LIMIT @limit`;
    // Five optional filters make 64 shapes; preparing per call is cheap next to a reviewer's pace.
    const rows = this.#db.prepare<[Record<string, unknown>], StateRow>(sql).all(params);
    return toPage(rows, limit, rowToView, (row) => [row.rank, row.case_id]);
  }

  pendingBankAdds(limit: number): PendingBankAdd[] {
    return this.#pending.all(checkLimit(limit)).flatMap((row) => rowToView(row).pendingBankAdds);
  }

  graphicExposure(reviewer: string, day: string): number {
    return this.#exposure.get(reviewer, day)?.n ?? 0;
  }

  decided(limit: number, cursor?: string): Page<DecidedCase> {
    checkLimit(limit);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ['string', 'string']);
    const rows = this.#db
      .prepare<[Record<string, unknown>], StateRow & { text: string }>(
        `SELECT s.*, c.item_key, i.text FROM review_state s JOIN review_case c ON c.id = s.case_id
         JOIN item i ON i.key = c.item_key WHERE s.decided_at IS NOT NULL
         ${after ? 'AND (s.decided_at > @at OR (s.decided_at = @at AND s.case_id > @id))' : ''}
         ORDER BY s.decided_at, s.case_id LIMIT @limit`,
      )
      .all({ limit: limit + 1, ...(after && { at: after[0], id: after[1] }) });
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
  }
}

export function rowToView(row: StateRow): ReviewCaseView {
  const doc = JSON.parse(row.projection) as ProjectionDoc;
  const projection: ReviewProjection = {
    status: row.status,
    appealed: row.appealed === 1,
    barred: doc.barred,
    pendingBankAdds: doc.pendingBankAdds,
    version: row.version,
    updatedAt: row.updated_at,
    ...(row.claimed_by !== null && { claimedBy: row.claimed_by }),
    ...(row.claim_expires_at !== null && { claimExpiresAt: row.claim_expires_at }),
    ...(doc.decision && { decision: doc.decision }),
  };
  return {
    caseId: row.case_id,
    itemKey: row.item_key,
    queue: row.queue,
    category: row.category,
    lang: row.lang,
    org: row.org,
    graphic: row.graphic === 1,
    rank: row.rank,
    ...projection,
  };
}
