import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/index.js';
import { dayFromNumber, dayNumber, utcDay } from './calendar-days.js';
import { median } from './daily-peaks.js';

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'NOT_APP_ERROR';
  }
  return 'NO_ERROR';
}

describe('calendar days', () => {
  it('buckets times by UTC day, honouring offsets', () => {
    expect(utcDay('2025-03-01T23:59:59Z')).toBe('2025-03-01');
    expect(utcDay('2025-03-02T02:00:00+03:00')).toBe('2025-03-01');
  });

  it('round-trips day numbers across month and leap-year ends', () => {
    for (const day of ['2024-02-29', '2024-03-01', '2025-12-31', '1970-01-01']) {
      expect(dayFromNumber(dayNumber(day))).toBe(day);
    }
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });

  it('rejects malformed and impossible days', () => {
    expect(errorCode(() => dayNumber('2025-02-30'))).toBe('INPUT_INVALID');
    expect(errorCode(() => dayNumber('2025-3-1'))).toBe('INPUT_INVALID');
    expect(errorCode(() => utcDay('tomorrow'))).toBe('INPUT_INVALID');
  });

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 100])).toBe(3.5);
    expect(median([])).toBe(0);
  });
});
