import { describe, expect, it } from 'vitest';
import { watchKey } from '../../app/index.js';
import { printable } from './telegram-watch.js';

/** The watch list's key: every way of naming one chat lands on one entry. */
describe('watchKey', () => {
  it('gives one key for every spelling of a username', () => {
    const keys = ['@Some_Channel', 'some_channel', 't.me/some_channel', 'https://t.me/s/Some_Channel'].map(watchKey);
    expect(new Set(keys)).toEqual(new Set(['@some_channel']));
  });

  it('keys ids by the bare id and invites as the monitor does (+HASH), both of which parse back to the same chat', () => {
    const byId = watchKey('-1001234567890');
    expect(byId).toBe('1234567890');
    expect(watchKey(byId)).toBe(byId);
    // The CLI and the monitor share this key, so an invite typed as a link is one entry for both.
    for (const ref of ['t.me/joinchat/AbCdEfGh12', 'https://t.me/+AbCdEfGh12'])
      expect(watchKey(ref)).toBe('+AbCdEfGh12');
    expect(watchKey('+AbCdEfGh12')).toBe('+AbCdEfGh12');
  });
});

describe('printable', () => {
  it('replaces control characters and bounds the length of a ref echoed in an error', () => {
    expect(printable('a\u001b[31mb\n')).toBe('a?[31mb?');
    const long = printable('x'.repeat(500));
    expect(long).toHaveLength(81);
    expect(long.endsWith('…')).toBe(true);
  });
});
