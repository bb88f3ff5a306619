import { dayNumber, utcDay } from './calendar-days.js';
import { hijriDate } from './hijri.js';
import type { Observation } from './network-types.js';

/**
 * Tactic trends: how often each evasion tactic from the taxonomy is seen per UTC day, overall,
 * per attributed organisation and per language. Only counts are kept (days × tactics × orgs or
 * languages), never posts, so memory grows with the calendar, not with traffic.
 */

export interface TacticTrendRow {
  day: string;
  hijri: string;
  tactic: string;
  org?: string;
  language?: string;
  count: number;
}

export interface TrendQuery {
  /** Inclusive `YYYY-MM-DD` days. */
  from?: string;
  to?: string;
  /** 'org' and 'language' split each count; posts without one give a row with the field left out. */
  by?: 'org' | 'language' | 'none';
}

interface TacticDay {
  count: number;
  /** Keyed by org or language; '' holds posts that had none. */
  orgs: Map<string, number>;
  languages: Map<string, number>;
}

const UNATTRIBUTED = '';

export class TrendCounter {
  /** Every day with at least one observation, tactics or not, so quiet days read as 0. */
  readonly #days = new Map<string, Map<string, TacticDay>>();

  observe(o: Observation): void {
    const day = utcDay(o.at);
    let tactics = this.#days.get(day);
    if (tactics === undefined) {
      tactics = new Map();
      this.#days.set(day, tactics);
    }
    if (!o.tactics?.length) return;
    const orgs = o.orgs?.length ? new Set(o.orgs) : [UNATTRIBUTED];
    const language = o.language || UNATTRIBUTED;
    for (const tactic of new Set(o.tactics)) {
      let counts = tactics.get(tactic);
      if (counts === undefined) {
        counts = { count: 0, orgs: new Map(), languages: new Map() };
        tactics.set(tactic, counts);
      }
      counts.count++;
      for (const org of orgs) bump(counts.orgs, org);
      bump(counts.languages, language);
    }
  }

  /** Rows by day, then tactic, then org or language. */
  rows(query: TrendQuery = {}): TacticTrendRow[] {
    const rows: TacticTrendRow[] = [];
    for (const day of this.#daysBetween(query)) {
      const hijri = hijriDate(day);
      const tactics = this.#days.get(day)!;
      for (const tactic of [...tactics.keys()].sort()) {
        const counts = tactics.get(tactic)!;
        if (query.by === 'org' || query.by === 'language') {
          const split = query.by === 'org' ? counts.orgs : counts.languages;
          for (const key of [...split.keys()].sort()) {
            const row: TacticTrendRow = { day, hijri, tactic, count: split.get(key)! };
            if (key !== UNATTRIBUTED) row[query.by] = key;
            rows.push(row);
          }
        } else {
          rows.push({ day, hijri, tactic, count: counts.count });
        }
      }
    }
    return rows;
  }

  /** Posts per observed day for one tactic (or all tactics summed), 0 on days it was not seen. */
  daily(query: { tactic?: string; from?: string; to?: string } = {}): { day: string; count: number }[] {
    return this.#daysBetween(query).map((day) => {
      const tactics = this.#days.get(day)!;
      if (query.tactic !== undefined) return { day, count: tactics.get(query.tactic)?.count ?? 0 };
      let count = 0;
      for (const counts of tactics.values()) count += counts.count;
      return { day, count };
    });
  }

  #daysBetween(query: { from?: string; to?: string }): string[] {
    // Checked even though compared as strings: a malformed bound would silently filter everything.
    if (query.from !== undefined) dayNumber(query.from);
    if (query.to !== undefined) dayNumber(query.to);
    return [...this.#days.keys()]
      .filter((d) => (query.from === undefined || d >= query.from) && (query.to === undefined || d <= query.to))
      .sort();
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
