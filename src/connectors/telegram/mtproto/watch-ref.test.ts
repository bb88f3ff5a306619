import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../core/index.js';
import { parseMessageLink, parseWatchRef } from './watch-ref.js';

function refusal(ref: string): string {
  try {
    parseWatchRef(ref);
  } catch (error) {
    if (isAppError(error) && error.code === 'INPUT_INVALID') return error.detail ?? '';
    throw error;
  }
  throw new Error(`${ref} was accepted`);
}

describe('parseWatchRef', () => {
  it.each([
    ['@NewsRoom', 'newsroom'],
    ['newsroom', 'newsroom'],
    ['  @newsroom  ', 'newsroom'],
    ['https://t.me/NewsRoom', 'newsroom'],
    ['http://www.t.me/newsroom/', 'newsroom'],
    ['t.me/newsroom', 'newsroom'],
    ['t.me/s/newsroom', 'newsroom'],
    ['https://telegram.me/newsroom?start=1', 'newsroom'],
    ['https://t.me/newsroom/123', 'newsroom'],
    ['https://t.me/newsroom/7/123', 'newsroom'],
    ['tg://resolve?domain=newsroom', 'newsroom'],
    ['@abcd', 'abcd'],
  ])('reads %s as the username %s', (ref, username) => {
    expect(parseWatchRef(ref)).toEqual({ kind: 'username', username });
  });

  it.each([
    ['https://t.me/+AbC-d_123', 'AbC-d_123'],
    ['t.me/joinchat/AbCd123', 'AbCd123'],
    ['+AbCd123', 'AbCd123'],
    ['tg://join?invite=AbCd123', 'AbCd123'],
  ])('reads %s as the invite %s, keeping its case', (ref, hash) => {
    expect(parseWatchRef(ref)).toEqual({ kind: 'invite', hash });
  });

  it.each([
    ['-1001234567890', '1234567890'],
    ['1234567890', '1234567890'],
    ['-42', '42'],
  ])('reads %s as the chat id %s', (ref, chatId) => {
    expect(parseWatchRef(ref)).toEqual({ kind: 'id', chatId });
  });

  it.each([
    ['', /it is empty/],
    ['   ', /it is empty/],
    ['@abc', /not a Telegram username/],
    ['@bad-name', /not a Telegram username/],
    ['@1abcd', /starting with a letter/],
    [`@${'a'.repeat(33)}`, /not a Telegram username/],
    ['x'.repeat(300), /longer than 256/],
    ['t.me/c/1234567890/5', /private chat \(to watch that chat, give its id -1001234567890\)/],
    ['tg://privatepost?channel=1&post=2', /private chat/],
    ['https://t.me/', /names no chat/],
    ['https://t.me/+', /invite link/],
    ['t.me/addstickers', /Telegram page/],
    ['https://t.me/newsroom/abc', /not a link to a chat/],
    ['https://example.org/newsroom', /not a Telegram \(t\.me\) link/],
    ['0', /not a Telegram chat id/],
    ['-10012345678901234567', /not a Telegram chat id/],
  ])('refuses %j, saying why and what works', (ref, why) => {
    const detail = refusal(ref);
    expect(detail).toMatch(why);
    expect(detail).toMatch(
      /write it as @name, t\.me\/name, an invite link t\.me\/\+HASH, or an id such as -1001234567890/,
    );
  });

  it('never throws anything but INPUT_INVALID, whatever it is given (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (ref) => {
        try {
          const target = parseWatchRef(ref);
          expect(['username', 'id', 'invite']).toContain(target.kind);
        } catch (error) {
          expect(isAppError(error) && error.code === 'INPUT_INVALID').toBe(true);
        }
      }),
    );
  });

  it('reads every form of a valid username as the same lower-case name (property)', () => {
    const username = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{3,31}$/);
    const forms = (name: string) => [
      name,
      `@${name}`,
      `t.me/${name}`,
      `https://t.me/${name}`,
      `https://t.me/s/${name}/`,
    ];
    fc.assert(
      fc.property(username, (name) => {
        fc.pre(
          !['addemoji', 'addlist', 'addstickers', 'addtheme', 'boost', 'confirmphone', 'contact', 'giftcode'].includes(
            name.toLowerCase(),
          ),
        );
        fc.pre(
          !['invoice', 'joinchat', 'login', 'proxy', 'setlanguage', 'share', 'socks'].includes(name.toLowerCase()),
        );
        for (const form of forms(name))
          expect(parseWatchRef(form)).toEqual({ kind: 'username', username: name.toLowerCase() });
      }),
    );
  });

  it('reads a Bot API channel id and its bare id as the same chat (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 52n - 1n }), (id) => {
        expect(parseWatchRef(String(-(id + 1_000_000_000_000n)))).toEqual({ kind: 'id', chatId: String(id) });
        expect(parseWatchRef(String(id))).toEqual({ kind: 'id', chatId: String(id) });
      }),
    );
  });
});

describe('parseMessageLink', () => {
  it.each([
    ['https://t.me/NewsRoom/5', { target: { kind: 'username', username: 'newsroom' }, messageId: '5' }],
    ['t.me/s/newsroom/5', { target: { kind: 'username', username: 'newsroom' }, messageId: '5' }],
    ['https://t.me/newsroom/7/5?single', { target: { kind: 'username', username: 'newsroom' }, messageId: '5' }],
    ['https://t.me/c/1234567890/5', { target: { kind: 'id', chatId: '1234567890' }, messageId: '5' }],
    ['https://t.me/c/1234567890/3/5', { target: { kind: 'id', chatId: '1234567890' }, messageId: '5' }],
    ['tg://resolve?domain=newsroom&post=5', { target: { kind: 'username', username: 'newsroom' }, messageId: '5' }],
    ['tg://privatepost?channel=1234567890&post=5', { target: { kind: 'id', chatId: '1234567890' }, messageId: '5' }],
  ])('reads %s', (link, expected) => {
    expect(parseMessageLink(link)).toEqual(expected);
  });

  it.each([
    '',
    'https://t.me/newsroom',
    'https://t.me/+AbCd/5',
    'https://t.me/c/abc/5',
    'https://t.me/c/0/5',
    'https://t.me/newsroom/0',
    'https://t.me/newsroom/a/5',
    'https://t.me/newsroom/1/2/3',
    'https://t.me/share/5',
    'https://example.org/newsroom/5',
    'tg://join?invite=abc',
  ])('has no message for %j', (link) => {
    expect(parseMessageLink(link)).toBeUndefined();
  });

  it('never throws (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (link) => void parseMessageLink(link)));
  });
});
