import { describe, expect, it } from 'vitest';
import { basePriority, DEFAULT_PRIORITY_WEIGHTS, type PriorityInput, priority, priorityRank } from './priority.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const base: PriorityInput = {
  severity: 'high',
  confidence: 0.8,
  views: 1000,
  channelSize: 5000,
  postedAt: hoursAgo(1),
};

describe('priority', () => {
  it('grows with severity, confidence and reach', () => {
    expect(priority({ ...base, severity: 'critical' }, NOW)).toBeGreaterThan(priority(base, NOW));
    expect(priority({ ...base, confidence: 0.9 }, NOW)).toBeGreaterThan(priority(base, NOW));
    expect(priority({ ...base, views: 100_000 }, NOW)).toBeGreaterThan(priority(base, NOW));
    expect(priority({ ...base, channelSize: 1_000_000 }, NOW)).toBeGreaterThan(priority(base, NOW));
  });

  it('scales reach logarithmically, so a huge channel does not bury a severe item', () => {
    const viral = { ...base, severity: 'low' as const, views: 10_000_000, channelSize: 10_000_000 };
    const severe = { ...base, severity: 'critical' as const, views: 10, channelSize: 10 };
    expect(priority(severe, NOW)).toBeGreaterThan(priority(viral, NOW));
  });

  it('halves every half-life', () => {
    const fresh = priority({ ...base, postedAt: NOW.toISOString() }, NOW);
    const old = priority({ ...base, postedAt: hoursAgo(6) }, NOW);
    expect(old / fresh).toBeCloseTo(0.5, 10);
    const slow = { ...DEFAULT_PRIORITY_WEIGHTS, halfLifeMs: 12 * 3_600_000 };
    expect(priority({ ...base, postedAt: hoursAgo(6) }, NOW, slow) / basePriority(base, slow)).toBeCloseTo(
      2 ** -0.5,
      10,
    );
  });

  it('is zero for zero confidence and clamps confidence to 0..1', () => {
    expect(priority({ ...base, confidence: 0 }, NOW)).toBe(0);
    expect(priority({ ...base, confidence: 7 }, NOW)).toBe(priority({ ...base, confidence: 1 }, NOW));
  });

  it('the stored rank orders cases as priority does, at any later instant', () => {
    const cases: PriorityInput[] = [
      base,
      { ...base, severity: 'critical', postedAt: hoursAgo(20) },
      { ...base, severity: 'medium', views: 1e6, postedAt: hoursAgo(0.5) },
      { ...base, severity: 'low', confidence: 0.3, postedAt: hoursAgo(0) },
      { ...base, postedAt: hoursAgo(9) },
    ];
    const byRank = [...cases].sort((a, b) => priorityRank(b) - priorityRank(a));
    for (const later of [NOW, new Date(NOW.getTime() + 48 * 3_600_000)]) {
      const byPriority = [...cases].sort((a, b) => priority(b, later) - priority(a, later));
      expect(byRank).toEqual(byPriority);
    }
  });
});
