import { describe, expect, it } from 'vitest';
import { linkTargetOf } from './telegram-refs.js';

describe('linkTargetOf', () => {
  it.each([
    ['https://t.me/Nashir_News', 'nashir_news'],
    ['t.me/nashir_news/123', 'nashir_news'],
    ['https://t.me/s/nashir_news', 'nashir_news'],
    ['https://telegram.me/nashir_news', 'nashir_news'],
    ['https://nashir_news.t.me', 'nashir_news'],
    ['tg://resolve?domain=nashir_news', 'nashir_news'],
  ])('reads %s as the handle %s', (url, handle) => {
    expect(linkTargetOf(url)).toEqual({ kind: 'user', handle });
  });

  it.each([
    ['https://t.me/+AbCdEf123456', 'AbCdEf123456'],
    ['https://t.me/joinchat/AbCdEf123456', 'AbCdEf123456'],
    ['tg://join?invite=AbCdEf123456', 'AbCdEf123456'],
  ])('reads %s as the invite %s, keeping the case of the code', (url, code) => {
    expect(linkTargetOf(url)).toEqual({ kind: 'invite', code });
  });

  it('reads other pages as sites, keyed by the normalised URL', () => {
    expect(linkTargetOf('HTTPS://WWW.Example.ORG/a?utm_source=x')).toEqual({
      kind: 'site',
      host: 'example.org',
      url: 'https://www.example.org/a',
    });
  });

  it('ignores Telegram feature paths, private message links and junk', () => {
    expect(linkTargetOf('https://t.me/share/url?url=x')).toBeUndefined();
    expect(linkTargetOf('https://t.me/c/12345/6')).toBeUndefined();
    expect(linkTargetOf('https://t.me/+ab')).toBeUndefined();
    expect(linkTargetOf('mailto:a@b.org')).toBeUndefined();
    expect(linkTargetOf('tg://msg?text=x')).toBeUndefined();
  });
});
