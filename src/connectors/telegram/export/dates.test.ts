import fc from 'fast-check';
import { expect, it } from 'vitest';
import { editVersion, postedAt } from './dates.js';

it('formats unix seconds exactly as Date#toISOString does, in any order', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 253_402_300_799 }), { minLength: 1 }), (seconds) => {
      for (const s of seconds) {
        expect(postedAt({ date_unixtime: String(s) })).toBe(new Date(s * 1000).toISOString());
      }
    }),
  );
});

it('prefers date_unixtime, else reads the zone-less local date as UTC', () => {
  expect(postedAt({ date_unixtime: '1700000000', date: '1999-01-01T00:00:00' })).toBe('2023-11-14T22:13:20.000Z');
  expect(postedAt({ date: '2021-03-04T05:06:07' })).toBe('2021-03-04T05:06:07.000Z');
  expect(postedAt({ date_unixtime: 'soon', date: 'yesterday' })).toBeUndefined();
});

it('numbers an edit by its time, else version 0', () => {
  expect(editVersion({ edited_unixtime: '1700000060' })).toBe(1_700_000_060);
  expect(editVersion({ edited: '2023-11-14T22:14:20' })).toBe(1_700_000_060);
  expect(editVersion({})).toBe(0);
});
