import { describe, expect, it } from 'vitest';
import { parseWatchRef } from '../../app/index.js';
import { printable, watchKey } from './telegram-watch.js';

/** The watch list's key: every way of naming one chat lands on one entry. */
describe('watchKey', () => {
  it('gives one key for every spelling of a username', () => {
    const keys = ['@Some_Channel', 'some_channel', 't.me/some_channel', 'https://t.me/s/Some_Channel'].map((ref) =>
      watchKey(parseWatchRef(ref)),
    );
    expect(new Set(keys)).toEqual(new Set(['@some_channel']));
  });

  it('keys ids by the bare id and invites by their link, both of which parse back to the same chat', () => {
    const byId = watchKey(parseWatchRef('-1001234567890'));
    expect(byId).toBe('1234567890');
    expect(watchKey(parseWatchRef(byId))).toBe(byId);
    const invite = watchKey(parseWatchRef('t.me/joinchat/AbCdEfGh12'));
    expect(invite).toBe('https://t.me/+AbCdEfGh12');
    expect(watchKey(parseWatchRef(invite))).toBe(invite);
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
