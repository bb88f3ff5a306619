import { describe, expect, it } from 'vitest';
import { normaliseUrl } from './normalise.js';

function url(input: string): string | undefined {
  return normaliseUrl(input)?.url;
}

describe('normaliseUrl', () => {
  it.each([
    ['HTTPS://WWW.Example.ORG/Path', 'https://www.example.org/Path'],
    ['https://example.org:443/a', 'https://example.org/a'],
    ['http://example.org:80/a', 'http://example.org/a'],
    ['http://example.org:8080/a', 'http://example.org:8080/a'],
    ['example.org', 'https://example.org/'],
    ['example.org:8443/x', 'https://example.org:8443/x'],
    ['https://example.org/a?utm_source=x&utm_medium=y&id=7', 'https://example.org/a?id=7'],
    ['https://example.org/a?fbclid=abc', 'https://example.org/a'],
    ['https://example.org/a?q=a+b&UTM_Campaign=z', 'https://example.org/a?q=a+b'],
    ['https://example.org/a?q=a%20b', 'https://example.org/a?q=a%20b'],
    ['https://example.org/a#section-2', 'https://example.org/a'],
    ['https://example.org/#!/file/AbC', 'https://example.org/#!/file/AbC'],
    ['https://user:secret@example.org/a', 'https://example.org/a'],
    ['https://bücher.example/katalog', 'https://xn--bcher-kva.example/katalog'],
    ['https://t.me/Example_News', 'https://t.me/example_news'],
    ['https://t.me/s/Example_News', 'https://t.me/s/example_news'],
    ['https://t.me/+AbCdEf', 'https://t.me/+AbCdEf'],
    ['https://t.me/joinchat/AbCdEf', 'https://t.me/joinchat/AbCdEf'],
    ['TG://Join?invite=AbC', 'tg://join?invite=AbC'],
    ['ftp://files.example.org/a', 'ftp://files.example.org/a'],
    ['http://192.0.2.1/x', 'http://192.0.2.1/x'],
  ])('%s → %s', (input, expected) => {
    expect(url(input)).toBe(expected);
  });

  it('keeps www. in the url and drops it from the host', () => {
    expect(normaliseUrl('https://www.example.org/')).toMatchObject({
      url: 'https://www.example.org/',
      host: 'example.org',
      hostname: 'www.example.org',
    });
  });

  it.each([
    'mailto:someone@example.org',
    'javascript:alert(1)',
    'file:///etc/hosts',
    'http://localhost/',
    'http://example',
    'https://example.123/',
    'not a url',
    '',
    'tg://join-chat?x=1',
  ])('rejects %j', (input) => {
    expect(normaliseUrl(input)).toBeNull();
  });
});
