import type Database from 'better-sqlite3';
import { appError } from '../../core/index.js';
import type { ReportCounts, ReportQuery } from '../ports.js';

/*
 * Every count is over assessed items posted in [from, to), aggregated by SQLite; nothing is
 * loaded row by row. Days are UTC calendar days of the posting instant.
 */
const assessedInRange = (join = ''): string => `
  FROM item i JOIN assessment a ON a.item_key = i.key ${join}
  WHERE i.posted_ms >= @from AND i.posted_ms < @to`;

const VERDICT_SUMS = `
  sum(a.verdict = 'violating') AS violating,
  sum(a.verdict = 'review') AS review`;

const BY_DAY = `
  SELECT date(i.posted_ms / 1000.0, 'unixepoch') AS day, count(*) AS scanned, ${VERDICT_SUMS},
    sum(a.verdict = 'clear') AS clear
  ${assessedInRange()}
  GROUP BY day ORDER BY day`;

// Categories that only ever came with a clear verdict (news, counter-speech) have nothing to report.
const BY_CATEGORY = `
  SELECT c.category, ${VERDICT_SUMS}
  ${assessedInRange('JOIN assessment_category c ON c.item_key = i.key')}
  GROUP BY c.category HAVING violating + review > 0
  ORDER BY violating DESC, review DESC, c.category`;

const BY_ORG = `
  SELECT o.org, ${VERDICT_SUMS}, count(*) AS mentions
  ${assessedInRange('JOIN assessment_org o ON o.item_key = i.key')}
  GROUP BY o.org
  ORDER BY violating DESC, review DESC, mentions DESC, o.org`;

const BY_CHANNEL = `
  SELECT n.chat_id, ch.title, n.scanned, n.violating, n.review
  FROM (
    SELECT i.platform, i.chat_id, count(*) AS scanned, ${VERDICT_SUMS}
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

type Range = [{ from: number; to: number }];

function rangeOf(query: ReportQuery): { from: number; to: number } {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw appError('REPORT_RANGE_INVALID', 'from and to must be ISO 8601 instants', 'from');
  }
  if (from > to) throw appError('REPORT_RANGE_INVALID', 'from must not be after to', 'from');
  return { from, to };
}

export class ReportQueries {
  readonly #byDay: Database.Statement<Range, DayRow>;
  readonly #byCategory: Database.Statement<Range, ReportCounts['byCategory'][number]>;
  readonly #byOrg: Database.Statement<Range, ReportCounts['byOrg'][number]>;
  readonly #byChannel: Database.Statement<Range, { chat_id: string; title: string | null } & DayRow>;

  constructor(db: Database.Database) {
    this.#byDay = db.prepare(BY_DAY);
    this.#byCategory = db.prepare(BY_CATEGORY);
    this.#byOrg = db.prepare(BY_ORG);
    this.#byChannel = db.prepare(BY_CHANNEL);
  }

  reportCounts(query: ReportQuery): ReportCounts {
    const range = rangeOf(query);
    const days = this.#byDay.all(range);
    const total = (field: keyof Omit<DayRow, 'day'>): number => days.reduce((sum, d) => sum + d[field], 0);
    return {
      scanned: total('scanned'),
      violating: total('violating'),
      review: total('review'),
      clear: total('clear'),
      byDay: days.map(({ day, scanned, violating, review }) => ({ day, scanned, violating, review })),
      byCategory: this.#byCategory.all(range),
      byOrg: this.#byOrg.all(range),
      byChannel: this.#byChannel.all(range).map((row) => ({
        chatId: row.chat_id,
        ...(row.title !== null && { title: row.title }),
        scanned: row.scanned,
        violating: row.violating,
        review: row.review,
      })),
    };
  }
}
