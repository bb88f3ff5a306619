import { describe, expect, it } from 'vitest';
import { extractLinks } from './extract.js';
import { type Link, MAX_LINKS_PER_MESSAGE, MAX_URL_LENGTH } from './types.js';

function urls(text: string): string[] {
  return extractLinks(text).map((link) => link.url);
}

function only(text: string): Link {
  const links = extractLinks(text);
  expect(links, JSON.stringify(links)).toHaveLength(1);
  return links[0] as Link;
}

describe('extractLinks: plain links in text', () => {
  it('finds scheme links, www hosts and bare domains with their offsets', () => {
    const text = 'See https://example.org/a, www.example.net and example.com/path today';
    const links = extractLinks(text);
    expect(links.map((l) => l.url)).toEqual([
      'https://example.org/a',
      'https://www.example.net/',
      'https://example.com/path',
    ]);
    for (const link of links) {
      expect(text.slice(link.start, link.end)).toBe(link.raw);
      expect(link.source).toBe('text');
      expect(link.obfuscated).toEqual([]);
    }
    expect(links[1]?.host).toBe('example.net');
  });

  it('finds Telegram links: t.me, telegram.me, telegram.dog and tg://', () => {
    expect(urls('t.me/example_news telegram.me/joinchat/AbCd telegram.dog/example_chat')).toEqual([
      'https://t.me/example_news',
      'https://telegram.me/joinchat/AbCd',
      'https://telegram.dog/example_chat',
    ]);
    const tg = only('open tg://join?invite=AbCdEf in the app');
    expect(tg).toMatchObject({ url: 'tg://join?invite=AbCdEf', host: 'tg', kind: ['telegram-invite'] });
  });

  it('finds a link glued to Arabic text by a colon', () => {
    const text = 'الرابط:example.org/page.';
    expect(only(text)).toMatchObject({ url: 'https://example.org/page', start: 7, end: 23 });
  });

  it('trims sentence punctuation but keeps balanced parentheses', () => {
    expect(urls('(see https://example.org/wiki/Foo_(bar)).')).toEqual(['https://example.org/wiki/Foo_(bar)']);
    expect(urls('go to t.me/example_news. then')).toEqual(['https://t.me/example_news']);
    expect(urls('"https://example.org/a"')).toEqual(['https://example.org/a']);
    expect(urls('الموقع example.org؟')).toEqual(['https://example.org/']);
  });

  it('reads an IDN host as punycode', () => {
    expect(only('http://مثال.مصر/صفحة').host).toBe('xn--mgbh0fb.xn--wgbh1c');
  });
});

describe('extractLinks: disguised links', () => {
  const cases: [string, string, string[]][] = [
    ['hxxp://example.org/a', 'http://example.org/a', ['hxxp-scheme']],
    ['hXXps://example.org/a', 'https://example.org/a', ['hxxp-scheme']],
    ['h**p://example.org/a', 'http://example.org/a', ['hxxp-scheme']],
    ['h**ps://example.org/a', 'https://example.org/a', ['hxxp-scheme']],
    ['example[.]org', 'https://example.org/', ['bracketed-punctuation']],
    ['example(.)org', 'https://example.org/', ['bracketed-punctuation']],
    ['example{.}org', 'https://example.org/', ['bracketed-punctuation']],
    ['example [.] org', 'https://example.org/', ['bracketed-punctuation']],
    ['https[:]//example.org', 'https://example.org/', ['bracketed-punctuation']],
    ['hxxps[:]//example[.]org/path', 'https://example.org/path', ['hxxp-scheme', 'bracketed-punctuation']],
    ['example dot org', 'https://example.org/', ['spelled-dot']],
    ['example DOT org', 'https://example.org/', ['spelled-dot']],
    ['example[dot]org', 'https://example.org/', ['spelled-dot']],
    ['example (dot) org', 'https://example.org/', ['spelled-dot']],
    ['example نقطة org', 'https://example.org/', ['spelled-dot']],
    ['t . me / example_news', 'https://t.me/example_news', ['spaced-separators']],
    ['t.me / joinchat / AbCd', 'https://t.me/joinchat/AbCd', ['spaced-separators']],
    ['exa\u200bmple.org/x', 'https://example.org/x', ['zero-width']],
    ['t.me/exa\u200dmple_news', 'https://t.me/example_news', ['zero-width']],
    ['ｅｘａｍｐｌｅ．ｏｒｇ', 'https://example.org/', ['fullwidth']],
    ['example。org', 'https://example.org/', ['fullwidth']],
    ['t．me／example_news', 'https://t.me/example_news', ['fullwidth']],
    ['example،org', 'https://example.org/', ['lookalike-punctuation']],
    ['example۔org', 'https://example.org/', ['lookalike-punctuation']],
    ['example٫org', 'https://example.org/', ['lookalike-punctuation']],
  ];

  it.each(cases)('undoes %j', (text, url, tricks) => {
    const link = only(`before ${text} after`);
    expect(link.url).toBe(url);
    expect(link.obfuscated).toEqual(tricks);
    expect(link.raw).toBe(text);
    expect(link.start).toBe(7);
    expect(link.end).toBe(7 + text.length);
  });

  it('undoes several tricks in one link', () => {
    const link = only('hxxps[:]//t . me / +AbCd');
    expect(link.url).toBe('https://t.me/+AbCd');
    expect(link.kind).toEqual(['telegram-invite']);
    expect(link.obfuscated).toEqual(['hxxp-scheme', 'bracketed-punctuation', 'spaced-separators']);
  });

  it('leaves ordinary prose with the same marks alone', () => {
    expect(urls('the dot com era; a red dot on the map; polka dot dress')).toEqual([]);
    expect(urls('hello (.) world, and / or, 5 . 3')).toEqual([]);
    expect(urls('جملة أولى، جملة ثانية. وهكذا ۔ انتهى')).toEqual([]);
    expect(urls('example.org / example.net')).toEqual(['https://example.org/', 'https://example.net/']);
  });

  it('does not mark an invisible character at the edge of a link as a trick', () => {
    expect(only('\u200bexample.org/x').obfuscated).toEqual([]);
  });
});

describe('extractLinks: what is not a link', () => {
  it.each([
    ['an e-mail address', 'write to someone@example.com or first.last@example.org'],
    ['a price and decimals', 'it costs 3.50 or 1.000.000 or 10.5%'],
    ['abbreviations', 'e.g. this, i.e. that, U.S.A. at 9 a.m.'],
    ['a name with a title', 'Mr.Smith and Dr.Jones'],
    ['file names', 'report.pdf, photo.jpg, notes.md, main.rs, setup.sh, archive.zip'],
    ['versions and code', 'v1.2.3 node.js index.ts'],
    ['a sentence missing its space', 'I went home.Then we had tea. Ich war da.Es regnete. done.today'],
    ['a username', 'follow @example_news and @someone'],
    ['Arabic sentences with full stops', 'صباح الخير. كيف حالك؟ الجو جميل اليوم.'],
    ['other schemes', 'mailto:someone@example.org javascript:void(0) file:///etc/hosts'],
    ['a single-label host', 'http://localhost:3000/x and localhost:8080'],
  ])('%s', (_name, text) => {
    expect(urls(text)).toEqual([]);
  });

  it('needs a path for a TLD that is also a word', () => {
    expect(urls('example.me and example.it')).toEqual([]);
    expect(urls('example.me/page and example.it/page')).toEqual(['https://example.me/page', 'https://example.it/page']);
  });

  it('accepts a listed host even with a word-like TLD', () => {
    expect(urls('files.fm is.gd ow.ly')).toEqual(['https://files.fm/', 'https://is.gd/', 'https://ow.ly/']);
  });
});

describe('extractLinks: entities', () => {
  const text = 'Please click here or visit example.org/a, more below';

  it('reports a text-link target as hidden, with the offsets of its visible text', () => {
    const links = extractLinks(text, [{ type: 'text-link', text: 'click here', url: 'https://bit.ly/AbC' }]);
    const hidden = links.find((l) => l.source === 'hidden');
    expect(hidden).toMatchObject({ url: 'https://bit.ly/AbC', host: 'bit.ly', kind: ['shortener'], start: 7, end: 17 });
  });

  it('does not call a text-link hidden when it shows its own url', () => {
    const links = extractLinks('read example.org/a now', [
      { type: 'text-link', text: 'example.org/a', url: 'http://example.org/a' },
    ]);
    expect(links.map((l) => l.source)).toEqual(['text']);
  });

  it('calls a text-link hidden when it shows a different url', () => {
    const links = extractLinks('read example.org now', [
      { type: 'text-link', text: 'example.org', url: 'https://files.fm/u/AbC' },
    ]);
    expect(links.map((l) => [l.source, l.host])).toEqual([
      ['text', 'example.org'],
      ['hidden', 'files.fm'],
    ]);
  });

  it('adds url entities only when the text scan missed them', () => {
    const links = extractLinks(text, [
      { type: 'url', text: 'example.org/a' },
      { type: 'url', text: 'https://example.net/b', url: 'https://example.net/b' },
    ]);
    expect(links.map((l) => [l.source, l.url])).toEqual([
      ['text', 'https://example.org/a'],
      ['entity', 'https://example.net/b'],
    ]);
  });

  it('reports button urls without offsets', () => {
    const links = extractLinks('', [{ type: 'button-url', text: 'Join', url: 'https://t.me/+AbCd' }]);
    expect(links).toEqual([
      {
        url: 'https://t.me/+AbCd',
        raw: 'https://t.me/+AbCd',
        source: 'button',
        obfuscated: [],
        host: 't.me',
        kind: ['telegram-invite'],
      },
    ]);
  });

  it('ignores other entities and broken targets', () => {
    const links = extractLinks('hi @someone #tag', [
      { type: 'mention', text: '@someone' },
      { type: 'hashtag', text: '#tag' },
      { type: 'text-link', text: 'hi' },
      { type: 'text-link', text: 'hi', url: 'javascript:alert(1)' },
      { type: 'button-url', text: 'x', url: 'not a url' },
    ]);
    expect(links).toEqual([]);
  });

  it('locates repeated visible texts in entity order', () => {
    const links = extractLinks('here and here', [
      { type: 'text-link', text: 'here', url: 'https://example.org/1' },
      { type: 'text-link', text: 'here', url: 'https://example.org/2' },
    ]);
    expect(links.map((l) => l.start)).toEqual([0, 9]);
  });
});

describe('extractLinks: limits', () => {
  it(`returns at most ${MAX_LINKS_PER_MESSAGE} links`, () => {
    const text = Array.from({ length: 300 }, (_, i) => `example${i}.org`).join(' ');
    expect(extractLinks(text)).toHaveLength(MAX_LINKS_PER_MESSAGE);
  });

  it(`cuts urls at ${MAX_URL_LENGTH} characters`, () => {
    const link = only(`https://example.org/${'a'.repeat(5000)}`);
    expect(link.url.length).toBe(MAX_URL_LENGTH);
    expect(link.host).toBe('example.org');
  });

  it('survives hostile input', () => {
    expect(extractLinks(undefined as unknown as string)).toEqual([]);
    expect(extractLinks('example.org', null as unknown as [])).toHaveLength(1);
    expect(extractLinks('x', [null, 3, { type: 'url' }] as unknown as [])).toEqual([]);
    const long = `${'a.'.repeat(200_000)} ${'[.] '.repeat(50_000)} http://${'b'.repeat(300_000)}`;
    expect(extractLinks(long)).toEqual([]);
  });
});
