import { describe, expect, it } from 'vitest';
import { AppError } from '../core/index.js';
import { parsePeriod } from './period.js';

// A fixed clock long after every period below, so labels never gain "(to date)" by accident.
const now = new Date('2030-06-01T00:00:00Z');

function rangeError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('REPORT_RANGE_INVALID');
    expect(appError.status).toBe(400);
    // Every error says which forms are accepted, so the user can fix the flag without docs.
    expect(appError.detail).toContain('2024Q4');
    expect(appError.detail).toContain('2024-10-01');
    return appError;
  }
  throw new Error('expected parsePeriod to throw');
}

describe('parsePeriod: quarters', () => {
  it('maps Q4 to October–December, ending at the next New Year (year rollover)', () => {
    expect(parsePeriod({ quarter: '2024Q4', now })).toEqual({
      from: '2024-10-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
      label: 'Q4 2024',
    });
  });

  it('maps Q1 to January–March of the same year', () => {
    expect(parsePeriod({ quarter: '2025Q1', now })).toMatchObject({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-04-01T00:00:00.000Z',
    });
  });

  it.each([
    ['2024Q2', '2024-04-01', '2024-07-01'],
    ['2024Q3', '2024-07-01', '2024-10-01'],
    ['2024q3', '2024-07-01', '2024-10-01'],
    ['2024-Q4', '2024-10-01', '2025-01-01'],
    ['2024-q1', '2024-01-01', '2024-04-01'],
    [' 2024Q1 ', '2024-01-01', '2024-04-01'],
  ])('accepts %j', (quarter, from, to) => {
    const period = parsePeriod({ quarter, now });
    expect(period.from).toBe(`${from}T00:00:00.000Z`);
    expect(period.to).toBe(`${to}T00:00:00.000Z`);
  });

  it('marks a quarter that has not ended yet', () => {
    const period = parsePeriod({ quarter: '2025Q1', now: new Date('2025-02-10T12:00:00Z') });
    expect(period.label).toBe('Q1 2025 (to date)');
    expect(period.to).toBe('2025-04-01T00:00:00.000Z');
  });
});

describe('parsePeriod: --from / --to', () => {
  it('treats a date-only end as inclusive', () => {
    expect(parsePeriod({ from: '2024-10-01', to: '2024-12-31', now })).toEqual({
      from: '2024-10-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
      label: '2024-10-01 – 2024-12-31',
    });
  });

  it('allows a single day, and ends a leap day on 1 March', () => {
    expect(parsePeriod({ from: '2024-02-29', to: '2024-02-29', now })).toMatchObject({
      from: '2024-02-29T00:00:00.000Z',
      to: '2024-03-01T00:00:00.000Z',
    });
  });

  it('takes ISO date-times as exact instants, the end exclusive, converted to UTC', () => {
    const period = parsePeriod({ from: '2024-10-01T03:00:00+03:00', to: '2024-10-02T12:30:00.5Z', now });
    expect(period.from).toBe('2024-10-01T00:00:00.000Z');
    expect(period.to).toBe('2024-10-02T12:30:00.500Z');
    expect(period.label).toBe('2024-10-01T00:00:00.000Z – 2024-10-02T12:30:00.500Z');
  });

  it('mixes a date start with a date-time end', () => {
    expect(parsePeriod({ from: '2024-10-01', to: '2024-10-01T06:00Z', now })).toMatchObject({
      from: '2024-10-01T00:00:00.000Z',
      to: '2024-10-01T06:00:00.000Z',
    });
  });

  it('allows exactly ten years', () => {
    expect(parsePeriod({ from: '2015-01-01', to: '2024-12-31', now })).toMatchObject({
      from: '2015-01-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
    });
  });
});

describe('parsePeriod: errors', () => {
  it('rejects a quarter together with a range', () => {
    rangeError(() => parsePeriod({ quarter: '2024Q4', from: '2024-10-01', to: '2024-12-31' }));
    rangeError(() => parsePeriod({ quarter: '2024Q4', to: '2024-12-31' }));
  });

  it('rejects no period at all', () => {
    expect(rangeError(() => parsePeriod({ now })).detail).toMatch(/no period/);
  });

  it('rejects half a range', () => {
    expect(rangeError(() => parsePeriod({ from: '2024-10-01' })).detail).toMatch(/without --to/);
    expect(rangeError(() => parsePeriod({ to: '2024-10-01' })).detail).toMatch(/without --from/);
  });

  it.each(['2024Q5', '2024Q0', '24Q4', 'Q4 2024', '2024 Q4', '2024Q', '', '2024-Q4-1'])(
    'rejects the quarter %j',
    (quarter) => {
      rangeError(() => parsePeriod({ quarter }));
    },
  );

  it.each([
    '2024/10/01',
    '2024-13-01',
    '2024-02-30',
    '2023-02-29',
    '01-10-2024',
    '2024-10-01T00:00:00',
    '2024-10-01T25:00:00Z',
    '2024-10-01T10:61Z',
    '2024-10-01 00:00:00Z',
    'yesterday',
    '',
  ])('rejects the date %j', (from) => {
    rangeError(() => parsePeriod({ from, to: '2024-12-31' }));
    rangeError(() => parsePeriod({ from: '2024-01-01', to: from }));
  });

  it('rejects a start that is not before the end', () => {
    rangeError(() => parsePeriod({ from: '2024-12-31', to: '2024-10-01' }));
    rangeError(() => parsePeriod({ from: '2024-10-01T00:00:00Z', to: '2024-10-01T00:00:00Z' }));
    rangeError(() => parsePeriod({ from: '2024-10-02', to: '2024-10-02T00:00:00Z' }));
  });

  it('rejects a period longer than ten years', () => {
    expect(rangeError(() => parsePeriod({ from: '2015-01-01', to: '2025-01-01' })).detail).toMatch(/10 years/);
    rangeError(() => parsePeriod({ from: '2000-01-01', to: '2099-12-31' }));
    rangeError(() => parsePeriod({ from: '2015-01-01T00:00:00Z', to: '2025-01-01T00:00:00.001Z' }));
  });
});
