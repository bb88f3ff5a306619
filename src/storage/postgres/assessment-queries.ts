import type pg from 'pg';
import type { Assessment, Category, Verdict } from '../../core/index.js';
import type { AssessedSummary } from '../ports.js';
import { type AssessmentRow, rowToAssessment } from '../sqlite/assessment-codec.js';
import { rowsByKey } from './key-probe.js';
import { categoriesOf, orgsOf } from './labels.js';

/* Keys per lookup: one array parameter each, so this bounds a statement's work, not a limit. */
const FIND_CHUNK = 5000;

type Labelled = { categories: Category[]; orgs: string[] };

const LABELS = `${categoriesOf('a.item_key', 'a.posted_ms')} AS categories, ${orgsOf('a.item_key', 'a.posted_ms')} AS orgs`;

export class AssessmentQueries {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async getAssessment(key: string): Promise<Assessment | undefined> {
    const { rows } = await this.#pool.query<AssessmentRow & Labelled>(
      `SELECT a.item_key, a.verdict, a.severity, a.confidence, a.needs_review, a.policy_version, a.scanned_at,
         a.latency_ms, a.document, ${LABELS}
       FROM assessment a WHERE a.item_key = $1 LIMIT 1`,
      [key],
    );
    const row = rows[0];
    return row && rowToAssessment(row, row.categories, row.orgs);
  }

  async findAssessed(keys: readonly string[]): Promise<Map<string, AssessedSummary>> {
    const found = new Map<string, AssessedSummary>();
    // One probe per key: a key asked twice would be probed (and its labels read) twice.
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += FIND_CHUNK) {
      const { rows } = await this.#pool.query<{ key: string; verdict: Verdict } & Labelled>(
        `SELECT a.item_key AS key, a.verdict, ${LABELS} FROM ${rowsByKey('assessment', 'a', 'item_key')}`,
        [unique.slice(start, start + FIND_CHUNK)],
      );
      for (const row of rows) found.set(row.key, { verdict: row.verdict, categories: row.categories, orgs: row.orgs });
    }
    return found;
  }
}
