import { appError, CLEAR_CATEGORIES, VIOLATING_CATEGORIES } from '../core/index.js';
import type { ReportCounts, ReportStore } from '../storage/ports.js';
import type { ReportPeriod } from './period.js';

/**
 * A Report is the store's raw counts for one period, shaped once for every renderer: totals
 * with the "flagged" figure (violating + review, the number a transparency report quotes),
 * sections sorted so that the same data always gives the same output, category titles from the
 * taxonomy, and a day axis without holes when it is short enough to chart.
 */

export interface ReportTotals {
  scanned: number;
  violating: number;
  review: number;
  clear: number;
  /** violating + review: everything the policy did not clear. */
  flagged: number;
  /** flagged / scanned, 0 when nothing was scanned; a fraction (0.25), not a percentage. */
  flaggedRate: number;
}

export interface ReportDay {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  scanned: number;
  violating: number;
  review: number;
  flagged: number;
}

export interface ReportCategory {
  category: string;
  /** From the taxonomy; an id the taxonomy no longer knows keeps its id as its title. */
  title: string;
  /** Whether the taxonomy counts this category as violating; `unknown` for ids it does not list. */
  kind: CategoryKind;
  violating: number;
  review: number;
  flagged: number;
}

export type CategoryKind = 'violating' | 'clear' | 'unknown';

export interface ReportOrg {
  org: string;
  violating: number;
  review: number;
  flagged: number;
  mentions: number;
}

export interface ReportChannel {
  chatId: string;
  /** Attacker-controlled: renderers must escape it. */
  title?: string;
  scanned: number;
  violating: number;
  review: number;
  flagged: number;
  flaggedRate: number;
}

export interface Report {
  period: ReportPeriod;
  generatedAt: string;
  totals: ReportTotals;
  byDay: ReportDay[];
  byCategory: ReportCategory[];
  byOrg: ReportOrg[];
  byChannel: ReportChannel[];
}

export interface BuildReportInput {
  store: ReportStore;
  period: ReportPeriod;
  generatedAt: Date | string;
}

const DAY_MS = 86_400_000;
/** Longer periods keep only days with data: ten years of zero-padding would be 3,650 empty rows. */
export const MAX_PADDED_DAYS = 400;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const TAXONOMY: readonly { id: string; title: string; kind: CategoryKind }[] = [
  ...VIOLATING_CATEGORIES.map((c) => ({ id: c.id, title: c.title, kind: 'violating' as const })),
  ...CLEAR_CATEGORIES.map((c) => ({ id: c.id, title: c.title, kind: 'clear' as const })),
];

/** Counts come from a port another adapter implements; a negative or fractional one is a bug there. */
function count(value: number, where: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw appError('INTERNAL', `report store returned an invalid count for ${where}: ${String(value)}`);
  }
  return value;
}

/** Rounded so that JSON and CSV do not carry 0.30000000000000004. */
function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e6;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function buildTotals(counts: ReportCounts): ReportTotals {
  const scanned = count(counts.scanned, 'scanned');
  const violating = count(counts.violating, 'violating');
  const review = count(counts.review, 'review');
  const clear = count(counts.clear, 'clear');
  const flagged = violating + review;
  return { scanned, violating, review, clear, flagged, flaggedRate: rate(flagged, scanned) };
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Every UTC date the half-open period touches, or undefined when it is too long to pad. */
function periodDays(period: ReportPeriod): string[] | undefined {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return undefined;
  const first = new Date(from).toISOString().slice(0, 10);
  const last = new Date(to - 1).toISOString().slice(0, 10);
  const span = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS + 1;
  if (span > MAX_PADDED_DAYS) return undefined;
  const days: string[] = [];
  for (let day = first; day <= last; day = dayAfter(day)) days.push(day);
  return days;
}

function buildDays(counts: ReportCounts, period: ReportPeriod): ReportDay[] {
  const byDay = new Map<string, ReportDay>();
  for (const padded of periodDays(period) ?? []) {
    byDay.set(padded, { day: padded, scanned: 0, violating: 0, review: 0, flagged: 0 });
  }
  for (const row of counts.byDay) {
    if (!DAY.test(row.day)) throw appError('INTERNAL', `report store returned a bad day "${row.day}"`);
    const where = `day ${row.day}`;
    // Summed, not replaced: an adapter that splits a day (by shard, by platform) stays correct.
    const day = byDay.get(row.day) ?? { day: row.day, scanned: 0, violating: 0, review: 0, flagged: 0 };
    day.scanned += count(row.scanned, where);
    day.violating += count(row.violating, where);
    day.review += count(row.review, where);
    day.flagged = day.violating + day.review;
    byDay.set(row.day, day);
  }
  return [...byDay.values()].sort((a, b) => compareText(a.day, b.day));
}

/**
 * Every violating category is listed, zero or not, so that two quarters can be compared line
 * by line; clear categories and ids the taxonomy does not know appear only when counted.
 */
function buildCategories(counts: ReportCounts): ReportCategory[] {
  const rows = new Map<string, ReportCategory>();
  for (const c of TAXONOMY.filter((t) => t.kind === 'violating')) {
    rows.set(c.id, { category: c.id, title: c.title, kind: c.kind, violating: 0, review: 0, flagged: 0 });
  }
  for (const row of counts.byCategory) {
    const known = TAXONOMY.find((t) => t.id === row.category);
    const entry = rows.get(row.category) ?? {
      category: row.category,
      title: known?.title ?? row.category,
      kind: known?.kind ?? 'unknown',
      violating: 0,
      review: 0,
      flagged: 0,
    };
    entry.violating += count(row.violating, `category ${row.category}`);
    entry.review += count(row.review, `category ${row.category}`);
    entry.flagged = entry.violating + entry.review;
    rows.set(row.category, entry);
  }
  const order = (id: string): number => {
    const index = TAXONOMY.findIndex((t) => t.id === id);
    return index === -1 ? TAXONOMY.length : index;
  };
  return [...rows.values()].sort(
    (a, b) => order(a.category) - order(b.category) || compareText(a.category, b.category),
  );
}

function buildOrgs(counts: ReportCounts): ReportOrg[] {
  const rows = new Map<string, ReportOrg>();
  for (const row of counts.byOrg) {
    const where = `org ${row.org}`;
    const entry = rows.get(row.org) ?? { org: row.org, violating: 0, review: 0, flagged: 0, mentions: 0 };
    entry.violating += count(row.violating, where);
    entry.review += count(row.review, where);
    entry.mentions += count(row.mentions, where);
    entry.flagged = entry.violating + entry.review;
    rows.set(row.org, entry);
  }
  return [...rows.values()].sort(
    (a, b) => b.flagged - a.flagged || b.mentions - a.mentions || compareText(a.org, b.org),
  );
}

function buildChannels(counts: ReportCounts): ReportChannel[] {
  const rows = new Map<string, ReportChannel>();
  for (const row of counts.byChannel) {
    const where = `channel ${row.chatId}`;
    const entry = rows.get(row.chatId) ?? {
      chatId: row.chatId,
      scanned: 0,
      violating: 0,
      review: 0,
      flagged: 0,
      flaggedRate: 0,
    };
    if (row.title !== undefined && entry.title === undefined) entry.title = row.title;
    entry.scanned += count(row.scanned, where);
    entry.violating += count(row.violating, where);
    entry.review += count(row.review, where);
    entry.flagged = entry.violating + entry.review;
    entry.flaggedRate = rate(entry.flagged, entry.scanned);
    rows.set(row.chatId, entry);
  }
  return [...rows.values()].sort(
    (a, b) => b.flagged - a.flagged || b.scanned - a.scanned || compareText(a.chatId, b.chatId),
  );
}

/** Asks the store for one period's counts and shapes them into a Report. */
export async function buildReport(input: BuildReportInput): Promise<Report> {
  const { store, period } = input;
  const generatedAt = new Date(input.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) {
    throw appError('INTERNAL', `generatedAt "${String(input.generatedAt)}" is not a date`);
  }
  const counts = await store.reportCounts({ from: period.from, to: period.to });
  return {
    period: { from: period.from, to: period.to, label: period.label },
    generatedAt: generatedAt.toISOString(),
    totals: buildTotals(counts),
    byDay: buildDays(counts, period),
    byCategory: buildCategories(counts),
    byOrg: buildOrgs(counts),
    byChannel: buildChannels(counts),
  };
}
