import type pg from 'pg';
import { appError } from '../../core/index.js';
import type { ReportCounts, ReportQuery } from '../ports.js';

/*
 * Every count is over assessed items posted in [from, to), aggregated by PostgreSQL; the range
 * prunes the month partitions outside it. Days are UTC calendar days of the posting instant.
 */
const assessedInRange = (join = ''): string => `
  FROM item i JOIN assessment a ON a.item_key = i.key AND a.posted_ms = i.posted_ms ${join}
  WHERE i.posted_ms >= $1 AND i.posted_ms < $2`;

const VERDICT_SUMS = `
  (count(*) FILTER (WHERE a.verdict = 'violating'))::int AS violating,
  (count(*) FILTER (WHERE a.verdict = 'review'))::int AS review`;

const BY_DAY = `
  SELECT to_char(to_timestamp(i.posted_ms / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
    count(*)::int AS scanned, ${VERDICT_SUMS}, (count(*) FILTER (WHERE a.verdict = 'clear'))::int AS clear
  ${assessedInRange()}
  GROUP BY day ORDER BY day`;

const FLAGGED = "count(*) FILTER (WHERE a.verdict = 'violating' OR a.verdict = 'review') > 0";

// Categories that only ever came with a clear verdict (news, counter-speech) have nothing to report.
const BY_CATEGORY = `
  SELECT c.category, ${VERDICT_SUMS}
  ${assessedInRange('JOIN assessment_category c ON c.item_key = i.key AND c.posted_ms = i.posted_ms')}
  GROUP BY c.category HAVING ${FLAGGED}
  ORDER BY violating DESC, review DESC, c.category`;

const BY_ORG = `
  SELECT o.org, ${VERDICT_SUMS}, count(*)::int AS mentions
  ${assessedInRange('JOIN assessment_org o ON o.item_key = i.key AND o.posted_ms = i.posted_ms')}
  GROUP BY o.org
  ORDER BY violating DESC, review DESC, mentions DESC, o.org`;

const BY_CHANNEL = `
  SELECT n.chat_id, ch.title, n.scanned, n.violating, n.review
  FROM (
    SELECT i.platform, i.chat_id, count(*)::int AS scanned, ${VERDICT_SUMS}
    ${assessedInRange()}
    GROUP BY i.platform, i.chat_id
  ) n LEFT JOIN channel ch ON ch.platform = n.platform AND ch.id = n.chat_id
  ORDER BY n.violating DESC, n.review DESC, n.scanned DESC, n.chat_id`;

interface DayRow {
  day: string;
  scanned: number;
  violating: number;
  review: number;
  clear: number;
}

function rangeOf(query: ReportQuery): [number, number] {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw appError('REPORT_RANGE_INVALID', 'from and to must be ISO 8601 instants', 'from');
  }
  if (from > to) throw appError('REPORT_RANGE_INVALID', 'from must not be after to', 'from');
  return [from, to];
}

export class ReportQueries {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async reportCounts(query: ReportQuery): Promise<ReportCounts> {
    const range = rangeOf(query);
    const [days, byCategory, byOrg, byChannel] = await Promise.all([
      this.#pool.query<DayRow>(BY_DAY, range),
      this.#pool.query<ReportCounts['byCategory'][number]>(BY_CATEGORY, range),
      this.#pool.query<ReportCounts['byOrg'][number]>(BY_ORG, range),
      this.#pool.query<{ chat_id: string; title: string | null } & DayRow>(BY_CHANNEL, range),
    ]);
    const total = (field: keyof Omit<DayRow, 'day'>): number => days.rows.reduce((sum, d) => sum + d[field], 0);
    return {
      scanned: total('scanned'),
      violating: total('violating'),
      review: total('review'),
      clear: total('clear'),
      byDay: days.rows.map(({ day, scanned, violating, review }) => ({ day, scanned, violating, review })),
      byCategory: byCategory.rows,
      byOrg: byOrg.rows,
      byChannel: byChannel.rows.map((row) => ({
        chatId: row.chat_id,
        ...(row.title !== null && { title: row.title }),
        scanned: row.scanned,
        violating: row.violating,
        review: row.review,
      })),
    };
  }
}
