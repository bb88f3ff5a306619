import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/index.js';
import type { Observation } from './network-types.js';
import { TrendCounter } from './tactic-trends.js';

let seq = 0;
function post(at: string, extra: Partial<Observation> = {}): Observation {
  return {
    chatId: '1',
    chatKind: 'channel',
    messageId: String(++seq),
    at,
    links: [],
    mentions: [],
    fingerprints: [],
    bareTextLength: 0,
    announcesBackup: false,
    ...extra,
  };
}

function counterWithPosts(): TrendCounter {
  const counter = new TrendCounter();
  counter.observe(post('2025-03-01T08:00:00Z', { tactics: ['link-rotation'], orgs: ['ORG_A'], language: 'ar' }));
  counter.observe(
    post('2025-03-01T09:00:00Z', {
      tactics: ['link-rotation', 'link-rotation', 'text-obfuscation'],
      orgs: ['ORG_A', 'ORG_B'],
      language: 'en',
    }),
  );
  counter.observe(post('2025-03-01T10:00:00Z', { tactics: ['text-obfuscation'] }));
  counter.observe(post('2025-03-02T10:00:00Z'));
  // 00:30 at +03:00 is 21:30 UTC on 2 March, so it counts on the 2nd.
  counter.observe(post('2025-03-03T00:30:00+03:00', { tactics: ['link-rotation'], language: 'ar' }));
  counter.observe(post('2025-03-04T12:00:00Z', { tactics: ['link-rotation'], orgs: ['ORG_B'], language: 'ar' }));
  return counter;
}

describe('TrendCounter', () => {
  it('counts each tactic once per post per UTC day, with the Hijri date', () => {
    const rows = counterWithPosts().rows();
    expect(rows.map((r) => [r.day, r.tactic, r.count])).toEqual([
      ['2025-03-01', 'link-rotation', 2],
      ['2025-03-01', 'text-obfuscation', 2],
      ['2025-03-02', 'link-rotation', 1],
      ['2025-03-04', 'link-rotation', 1],
    ]);
    expect(rows[0]?.hijri).toBe('1 Ramadan 1446 AH');
    expect(rows[0] && 'org' in rows[0]).toBe(false);
  });

  it('splits by organisation, with unattributed posts in a row of their own', () => {
    const rows = counterWithPosts().rows({ by: 'org', to: '2025-03-01' });
    expect(rows.map((r) => [r.tactic, r.org, r.count])).toEqual([
      ['link-rotation', 'ORG_A', 2],
      ['link-rotation', 'ORG_B', 1],
      ['text-obfuscation', undefined, 1],
      ['text-obfuscation', 'ORG_A', 1],
      ['text-obfuscation', 'ORG_B', 1],
    ]);
  });

  it('splits by language within a day range', () => {
    const rows = counterWithPosts().rows({ by: 'language', from: '2025-03-02', to: '2025-03-04' });
    expect(rows.map((r) => [r.day, r.language, r.count])).toEqual([
      ['2025-03-02', 'ar', 1],
      ['2025-03-04', 'ar', 1],
    ]);
  });

  it('gives a daily series with quiet observed days as 0, ready for surge detection', () => {
    const counter = counterWithPosts();
    expect(counter.daily({ tactic: 'text-obfuscation' })).toEqual([
      { day: '2025-03-01', count: 2 },
      { day: '2025-03-02', count: 0 },
      { day: '2025-03-04', count: 0 },
    ]);
    expect(counter.daily({ from: '2025-03-02' })).toEqual([
      { day: '2025-03-02', count: 1 },
      { day: '2025-03-04', count: 1 },
    ]);
    expect(counter.daily({ tactic: 'unknown-tactic', to: '2025-03-01' })).toEqual([{ day: '2025-03-01', count: 0 }]);
  });

  it('keeps aggregates only: memory grows with days and tactics, not posts', () => {
    const counter = new TrendCounter();
    for (let i = 0; i < 20_000; i++) {
      counter.observe(post(`2025-03-0${1 + (i % 3)}T12:00:00Z`, { tactics: ['link-rotation'], orgs: ['ORG_A'] }));
    }
    expect(counter.rows({ by: 'org' })).toHaveLength(3);
    expect(counter.daily().reduce((sum, d) => sum + d.count, 0)).toBe(20_000);
  });

  it('rejects malformed day bounds and times', () => {
    const counter = counterWithPosts();
    const code = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        return isAppError(error) ? error.code : 'NOT_APP_ERROR';
      }
      return 'NO_ERROR';
    };
    expect(code(() => counter.rows({ from: '1 March' }))).toBe('INPUT_INVALID');
    expect(code(() => counter.observe(post('yesterday')))).toBe('INPUT_INVALID');
  });
});
