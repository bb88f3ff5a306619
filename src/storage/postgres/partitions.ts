import type pg from 'pg';

/**
 * Month partitions of items and assessments (migration 0001, docs/postgres.md). A batch's
 * months are made before its transaction, in a short one of their own, so the batch never
 * waits on DDL; the months known to exist are remembered, so that costs one round trip a
 * month per process. A month another process purged meanwhile is still remembered here: its
 * rows then go to the DEFAULT partition, which stays correct, and are moved out if the month
 * is made again.
 */

/** `YYYY-MM-01` of the UTC month an instant falls in, or undefined outside years 1–9999. */
export function monthOf(ms: number): string | undefined {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/** The month a partition named `item_pYYYYMM` holds. */
function monthOfPartition(name: string): string | undefined {
  const match = /_p(\d{4})(\d{2})$/.exec(name);
  return match ? `${match[1]}-${match[2]}-01` : undefined;
}

export class Partitions {
  readonly #pool: pg.Pool;
  readonly #known = new Set<string>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Learns the months that exist already (at open). */
  async load(): Promise<void> {
    const { rows } = await this.#pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
       WHERE h.inhparent = 'assessment_org'::regclass`,
    );
    // The last table rasd_ensure_month makes: a month listed here is complete.
    for (const { name } of rows) {
      const month = monthOfPartition(name);
      if (month !== undefined) this.#known.add(month);
    }
  }

  /** Makes the partitions of each month in `postedMs` that this process has not seen yet. */
  async ensure(postedMs: Iterable<number>): Promise<void> {
    const missing = new Set<string>();
    for (const ms of postedMs) {
      const month = monthOf(ms);
      if (month !== undefined && !this.#known.has(month)) missing.add(month);
    }
    for (const month of [...missing].sort()) {
      await this.#pool.query('SELECT rasd_ensure_month($1::date)', [month]);
      this.#known.add(month);
    }
  }

  /** Forgets what it knew, e.g. after purging a month. */
  forget(): void {
    this.#known.clear();
  }
}
