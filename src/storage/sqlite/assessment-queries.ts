import type Database from 'better-sqlite3';
import type { Assessment, Category, Verdict } from '../../core/index.js';
import type { AssessedSummary } from '../ports.js';
import { type AssessmentRow, rowToAssessment } from './assessment-codec.js';
import { categoriesOf, orgsOf } from './assessment-labels.js';

/*
 * Keys travel as one JSON array bound to a single parameter, so no lookup comes near SQLite's
 * bound-variable limit; chunking keeps each array, and each statement's work, bounded.
 */
const FIND_CHUNK = 500;

interface AssessedRow {
  key: string;
  verdict: Verdict;
  categories: string;
  orgs: string;
}

export class AssessmentQueries {
  readonly #get: Database.Statement<[string], AssessmentRow>;
  readonly #categories: Database.Statement<[string], { category: Category }>;
  readonly #orgs: Database.Statement<[string], { org: string }>;
  readonly #find: Database.Statement<[string], AssessedRow>;

  constructor(db: Database.Database) {
    this.#get = db.prepare('SELECT * FROM assessment WHERE item_key = ?');
    this.#categories = db.prepare('SELECT category FROM assessment_category WHERE item_key = ? ORDER BY position');
    this.#orgs = db.prepare('SELECT org FROM assessment_org WHERE item_key = ? ORDER BY position');
    this.#find = db.prepare(`
      SELECT a.item_key AS key, a.verdict,
        ${categoriesOf('a.item_key')} AS categories, ${orgsOf('a.item_key')} AS orgs
      FROM assessment a
      WHERE a.item_key IN (SELECT value FROM json_each(?))`);
  }

  getAssessment(key: string): Assessment | undefined {
    const row = this.#get.get(key);
    if (!row) return undefined;
    return rowToAssessment(
      row,
      this.#categories.all(key).map((r) => r.category),
      this.#orgs.all(key).map((r) => r.org),
    );
  }

  findAssessed(keys: readonly string[]): Map<string, AssessedSummary> {
    const found = new Map<string, AssessedSummary>();
    for (let start = 0; start < keys.length; start += FIND_CHUNK) {
      const chunk = JSON.stringify(keys.slice(start, start + FIND_CHUNK));
      for (const row of this.#find.all(chunk)) {
        found.set(row.key, {
          verdict: row.verdict,
          categories: JSON.parse(row.categories) as Category[],
          orgs: JSON.parse(row.orgs) as string[],
        });
      }
    }
    return found;
  }
}
