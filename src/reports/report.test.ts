import { describe, expect, it } from 'vitest';
import { AppError, VIOLATING_CATEGORIES } from '../core/index.js';
import type { ReportCounts, ReportQuery, ReportStore } from '../storage/ports.js';
import { parsePeriod } from './period.js';
import { buildReport } from './report.js';

/** A fake is enough here: this tests how counts are shaped, not how a database counts them. */
function fakeStore(counts: Partial<ReportCounts>): ReportStore & { queries: ReportQuery[] } {
  const queries: ReportQuery[] = [];
  return {
    queries,
    async reportCounts(query) {
      queries.push(query);
      return {
        scanned: 0,
        violating: 0,
        review: 0,
        clear: 0,
        byDay: [],
        byCategory: [],
        byOrg: [],
        byChannel: [],
        ...counts,
      };
    },
  };
}

const now = new Date('2030-01-01T00:00:00Z');
const q4 = parsePeriod({ quarter: '2024Q4', now });
const generatedAt = new Date('2025-01-05T08:00:00Z');

describe('buildReport', () => {
  it('asks the store for exactly the period and keeps period and generatedAt', async () => {
    const store = fakeStore({});
    const report = await buildReport({ store, period: q4, generatedAt });
    expect(store.queries).toEqual([{ from: '2024-10-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' }]);
    expect(report.period).toEqual(q4);
    expect(report.generatedAt).toBe('2025-01-05T08:00:00.000Z');
    const fromString = await buildReport({ store, period: q4, generatedAt: '2025-01-05T11:00:00+03:00' });
    expect(fromString.generatedAt).toBe('2025-01-05T08:00:00.000Z');
  });

  it('adds flagged (violating + review) and the flagged rate to the totals', async () => {
    const store = fakeStore({ scanned: 1200, violating: 250, review: 50, clear: 900 });
    const { totals } = await buildReport({ store, period: q4, generatedAt });
    expect(totals).toEqual({ scanned: 1200, violating: 250, review: 50, clear: 900, flagged: 300, flaggedRate: 0.25 });
  });

  it('gives a rate of 0, not NaN, when nothing was scanned', async () => {
    const { totals } = await buildReport({ store: fakeStore({}), period: q4, generatedAt });
    expect(totals.flaggedRate).toBe(0);
    expect(totals.flagged).toBe(0);
  });

  it('pads every day of a quarter, sorted, with the counted days in place', async () => {
    const store = fakeStore({
      byDay: [
        { day: '2024-12-31', scanned: 7, violating: 2, review: 1 },
        { day: '2024-10-01', scanned: 5, violating: 1, review: 0 },
      ],
    });
    const { byDay } = await buildReport({ store, period: q4, generatedAt });
    expect(byDay).toHaveLength(92);
    expect(byDay[0]).toEqual({ day: '2024-10-01', scanned: 5, violating: 1, review: 0, flagged: 1 });
    expect(byDay[1]).toEqual({ day: '2024-10-02', scanned: 0, violating: 0, review: 0, flagged: 0 });
    expect(byDay.at(-1)).toEqual({ day: '2024-12-31', scanned: 7, violating: 2, review: 1, flagged: 3 });
    const days = byDay.map((d) => d.day);
    expect(days).toEqual([...days].sort());
    expect(new Set(days).size).toBe(92);
  });

  it('pads the UTC days a date-time period touches, not one more', async () => {
    const period = parsePeriod({ from: '2024-10-01T22:00:00Z', to: '2024-10-03T00:00:00Z', now });
    const { byDay } = await buildReport({ store: fakeStore({}), period, generatedAt });
    expect(byDay.map((d) => d.day)).toEqual(['2024-10-01', '2024-10-02']);
  });

  it('does not pad a period longer than 400 days, keeping only days with data', async () => {
    const period = parsePeriod({ from: '2015-01-01', to: '2024-12-31', now });
    const store = fakeStore({
      byDay: [
        { day: '2024-03-01', scanned: 3, violating: 1, review: 1 },
        { day: '2016-02-29', scanned: 4, violating: 0, review: 2 },
        // An adapter may split one day across rows; they are summed.
        { day: '2024-03-01', scanned: 2, violating: 1, review: 0 },
      ],
    });
    const { byDay } = await buildReport({ store, period, generatedAt });
    expect(byDay).toEqual([
      { day: '2016-02-29', scanned: 4, violating: 0, review: 2, flagged: 2 },
      { day: '2024-03-01', scanned: 5, violating: 2, review: 1, flagged: 3 },
    ]);
  });

  it('lists every violating category in taxonomy order, titled, then counted clear and unknown ones', async () => {
    const store = fakeStore({
      byCategory: [
        { category: 'zz-retired', violating: 1, review: 0 },
        { category: 'news', violating: 0, review: 4 },
        { category: 'recruitment', violating: 30, review: 5 },
        { category: 'branded', violating: 10, review: 0 },
      ],
    });
    const { byCategory } = await buildReport({ store, period: q4, generatedAt });
    expect(byCategory.map((c) => c.category)).toEqual([...VIOLATING_CATEGORIES.map((c) => c.id), 'news', 'zz-retired']);
    expect(byCategory.find((c) => c.category === 'recruitment')).toEqual({
      category: 'recruitment',
      title: 'Recruitment',
      kind: 'violating',
      violating: 30,
      review: 5,
      flagged: 35,
    });
    expect(byCategory.find((c) => c.category === 'threat')).toMatchObject({ title: 'Credible threat', flagged: 0 });
    expect(byCategory.find((c) => c.category === 'news')).toMatchObject({ title: 'News reporting', kind: 'clear' });
    expect(byCategory.find((c) => c.category === 'zz-retired')).toMatchObject({ title: 'zz-retired', kind: 'unknown' });
  });

  it('sorts organisations by flagged items, then mentions, then name', async () => {
    const store = fakeStore({
      byOrg: [
        { org: 'beta', violating: 1, review: 1, mentions: 9 },
        { org: 'alpha', violating: 2, review: 0, mentions: 9 },
        { org: 'gamma', violating: 5, review: 0, mentions: 1 },
        { org: 'delta', violating: 0, review: 2, mentions: 20 },
      ],
    });
    const { byOrg } = await buildReport({ store, period: q4, generatedAt });
    expect(byOrg.map((o) => o.org)).toEqual(['gamma', 'delta', 'alpha', 'beta']);
    expect(byOrg[0]).toEqual({ org: 'gamma', violating: 5, review: 0, flagged: 5, mentions: 1 });
  });

  it('sorts channels by flagged items, keeps titles and computes each rate', async () => {
    const store = fakeStore({
      byChannel: [
        { chatId: '-100b', scanned: 10, violating: 0, review: 0 },
        { chatId: '-100a', title: 'قناة', scanned: 3, violating: 1, review: 0 },
        { chatId: '-100c', title: '<b>x</b>', scanned: 8, violating: 2, review: 2 },
      ],
    });
    const { byChannel } = await buildReport({ store, period: q4, generatedAt });
    expect(byChannel).toEqual([
      { chatId: '-100c', title: '<b>x</b>', scanned: 8, violating: 2, review: 2, flagged: 4, flaggedRate: 0.5 },
      { chatId: '-100a', title: 'قناة', scanned: 3, violating: 1, review: 0, flagged: 1, flaggedRate: 0.333333 },
      { chatId: '-100b', scanned: 10, violating: 0, review: 0, flagged: 0, flaggedRate: 0 },
    ]);
  });

  it('refuses counts no store should return', async () => {
    for (const counts of [
      { scanned: -1 },
      { violating: 1.5 },
      { byDay: [{ day: '2024-10-01', scanned: Number.NaN, violating: 0, review: 0 }] },
      { byDay: [{ day: '1 Oct', scanned: 1, violating: 0, review: 0 }] },
    ]) {
      await expect(buildReport({ store: fakeStore(counts), period: q4, generatedAt })).rejects.toBeInstanceOf(AppError);
    }
  });

  it('refuses a generatedAt that is not a date', async () => {
    await expect(buildReport({ store: fakeStore({}), period: q4, generatedAt: 'soon' })).rejects.toThrow(/generatedAt/);
  });
});
