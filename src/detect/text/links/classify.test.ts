import { describe, expect, it } from 'vitest';
import { classifyLink } from './classify.js';
import { FILE_HOSTS, PASTE_HOSTS, SHORTENER_HOSTS, TELEGRAM_HOSTS } from './hosts.js';
import { normaliseUrl } from './normalise.js';

function kinds(input: string): string[] {
  const n = normaliseUrl(input);
  if (!n) throw new Error(`not a url: ${input}`);
  return classifyLink(n);
}

describe('classifyLink', () => {
  it.each([
    ['https://t.me/+AbCdEf', ['telegram-invite']],
    ['https://t.me/%2BAbCdEf', ['telegram-invite']],
    ['https://t.me/joinchat/AbCdEf', ['telegram-invite']],
    ['https://telegram.me/joinchat/AbCdEf', ['telegram-invite']],
    ['https://t.me/addlist/AbCdEf', ['telegram-invite']],
    ['tg://join?invite=AbCdEf', ['telegram-invite']],
    ['tg://addlist?slug=AbCdEf', ['telegram-invite']],
    ['https://t.me/example_news', ['telegram-channel']],
    ['https://t.me/example_news/123', ['telegram-channel']],
    ['https://t.me/s/example_news', ['telegram-channel']],
    ['https://t.me/c/1234567/89', ['telegram-channel']],
    ['https://example_news.t.me', ['telegram-channel']],
    ['tg://resolve?domain=example_news', ['telegram-channel']],
    ['https://t.me/share/url?url=x', []],
    ['https://t.me/', []],
    ['https://t.me/joinchat', []],
    ['https://bit.ly/AbC', ['shortener']],
    ['https://tinyurl.com/AbC', ['shortener']],
    ['https://archive.org/details/x', ['file-host']],
    ['https://ia800.us.archive.org/x', ['file-host']],
    ['https://drive.google.com/file/d/x', ['file-host']],
    ['https://www.mediafire.com/file/x', ['file-host']],
    ['https://justpaste.it/AbC', ['file-host', 'paste']],
    ['https://pastebin.com/AbC', ['paste']],
    ['https://telegra.ph/Some-Page-01-01', ['paste']],
    ['https://example.org/t.me/+AbC', []],
    ['https://nota-bit.ly/x', []],
    ['https://google.com/drive', []],
  ])('%s → %j', (input, expected) => {
    expect(kinds(input)).toEqual(expected);
  });

  it('keeps every host list sorted, lower-case and free of duplicates', () => {
    for (const list of [TELEGRAM_HOSTS, SHORTENER_HOSTS, FILE_HOSTS, PASTE_HOSTS]) {
      expect([...list]).toEqual([...new Set(list)].sort());
      for (const host of list) expect(host).toMatch(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/);
    }
  });
});
