import { describe, expect, it } from 'vitest';
import { formatRemovalClock, removalOrderClock, removalOrderDeadline } from './removal-order.js';

const RECEIVED = '2026-01-10T12:00:00Z';
const atMinute = (minutes: number, seconds = 0) => Date.parse(RECEIVED) + minutes * 60_000 + seconds * 1000;
const order = { orderId: 'ro_1', receivedAt: RECEIVED };

describe('removal order clock', () => {
  it('has a deadline one hour after receipt', () => {
    expect(removalOrderDeadline(order)).toBe(atMinute(60));
    expect(removalOrderClock(order, atMinute(0)).deadline).toBe('2026-01-10T13:00:00.000Z');
  });

  it('counts down, reaches zero at the deadline and then runs overdue', () => {
    expect(removalOrderClock(order, atMinute(18))).toEqual({
      deadline: '2026-01-10T13:00:00.000Z',
      remainingMs: 42 * 60_000,
      overdue: false,
    });
    expect(removalOrderClock(order, atMinute(60))).toMatchObject({ remainingMs: 0, overdue: false });
    expect(removalOrderClock(order, atMinute(65))).toMatchObject({ remainingMs: -5 * 60_000, overdue: true });
  });

  it('freezes at completion and says whether the hour was met', () => {
    const done = { ...order, completedAt: '2026-01-10T12:40:00Z' };
    expect(removalOrderClock(done, atMinute(300))).toMatchObject({ remainingMs: 20 * 60_000, metDeadline: true });
    const late = { ...order, completedAt: '2026-01-10T13:00:01Z' };
    expect(removalOrderClock(late, atMinute(300))).toMatchObject({ overdue: true, metDeadline: false });
  });

  it('rejects an unreadable time', () => {
    expect(() => removalOrderDeadline({ receivedAt: 'now' })).toThrow(/receivedAt/);
  });
});

describe('formatRemovalClock', () => {
  it('formats time left and overdue', () => {
    expect(formatRemovalClock(42 * 60_000)).toBe('42 min left');
    expect(formatRemovalClock(41 * 60_000 + 1)).toBe('42 min left');
    expect(formatRemovalClock(1000)).toBe('1 min left');
    expect(formatRemovalClock(60 * 60_000)).toBe('1 h left');
    expect(formatRemovalClock(0)).toBe('overdue by <1 min');
    expect(formatRemovalClock(-(5 * 60_000 + 30_000))).toBe('overdue by 5 min');
    expect(formatRemovalClock(-125 * 60_000)).toBe('overdue by 2 h 5 min');
  });
});
