import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/index.js';
import { hijriDate, hijriParts } from './hijri.js';

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'NOT_APP_ERROR';
  }
  return 'NO_ERROR';
}

describe('hijriParts', () => {
  it('reads well-known Umm al-Qura dates', () => {
    // Published Umm al-Qura starts: Ramadan and Shawwal 1446, Muharram 1446, Eid al-Adha 1446.
    expect(hijriParts('2025-03-01')).toEqual({ year: 1446, month: 9, day: 1 });
    expect(hijriParts('2025-03-30')).toEqual({ year: 1446, month: 10, day: 1 });
    expect(hijriParts('2024-07-07')).toEqual({ year: 1446, month: 1, day: 1 });
    expect(hijriParts('2025-06-06')).toEqual({ year: 1446, month: 12, day: 10 });
  });

  it('reads the UTC day of a full ISO time, honouring offsets', () => {
    expect(hijriParts('2025-03-01T23:30:00Z')).toEqual({ year: 1446, month: 9, day: 1 });
    // 01:00 at +03:00 is still 28 February in UTC, the last day of Shaban.
    expect(hijriParts('2025-03-01T01:00:00+03:00')).toEqual({ year: 1446, month: 8, day: 29 });
  });

  it('advances one day at a time across a month boundary', () => {
    const before = hijriParts('2025-03-29');
    const after = hijriParts('2025-03-30');
    expect(before.month).toBe(9);
    expect(before.day).toBeGreaterThanOrEqual(29);
    expect(after).toEqual({ year: 1446, month: 10, day: 1 });
  });

  it('rejects text that is not a date', () => {
    expect(errorCode(() => hijriParts('not a date'))).toBe('INPUT_INVALID');
    expect(errorCode(() => hijriDate('soon'))).toBe('INPUT_INVALID');
  });
});

describe('hijriDate', () => {
  it('writes English day-month-year with the era', () => {
    expect(hijriDate('2025-03-01')).toBe('1 Ramadan 1446 AH');
    expect(hijriDate('2025-03-30', 'en')).toBe('1 Shawwal 1446 AH');
  });

  it('writes Arabic with Arabic-Indic digits and the Arabic month name', () => {
    const text = hijriDate('2025-03-01', 'ar');
    expect(text).toContain('رمضان');
    expect(text).toContain('١٤٤٦');
    expect(text).not.toMatch(/[0-9]/);
  });
});
