import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractLinks } from './extract.js';
import { MAX_LINKS_PER_MESSAGE, MAX_URL_LENGTH } from './types.js';

/** Characters that exercise every rule: link punctuation, lookalikes, invisibles, Arabic, brackets. */
const PIECES = [
  'a',
  'Z',
  '0',
  '.',
  '/',
  ':',
  ' ',
  '\t',
  '\n',
  '@',
  '#',
  '?',
  '=',
  '&',
  '+',
  '-',
  '_',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  'dot',
  'hxxp',
  'h**ps',
  'http',
  '://',
  'www.',
  't.me',
  'tg://join?invite=',
  'example',
  'org',
  'com',
  'me',
  '[.]',
  '(dot)',
  ' . ',
  ' / ',
  '\u200b',
  '\u200d',
  '\u202e',
  '\ufeff',
  '。',
  '．',
  '／',
  '،',
  '۔',
  '٫',
  'ｅ',
  'نقطة',
  'مرحبا',
  'é',
  '😀',
  '\ud800',
  '\udc00',
];

const messy = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(messy, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));

const entity = fc.record({
  type: fc.constantFrom('url', 'text-link', 'button-url', 'mention', 'email'),
  text: fc.oneof(messy, fc.string({ maxLength: 30 })),
  url: fc.option(fc.oneof(messy, fc.webUrl()), { nil: undefined }),
});

describe('extractLinks properties', () => {
  it('never throws, stays within its limits and keeps offsets inside the text', () => {
    fc.assert(
      fc.property(anyText, fc.array(entity, { maxLength: 5 }), (text, entities) => {
        const links = extractLinks(text, entities);
        expect(links.length).toBeLessThanOrEqual(MAX_LINKS_PER_MESSAGE);
        for (const link of links) {
          expect(link.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
          expect(link.host.length).toBeGreaterThan(0);
          if (link.start === undefined) continue;
          expect(link.start).toBeGreaterThanOrEqual(0);
          expect(link.end).toBeGreaterThan(link.start);
          expect(link.end).toBeLessThanOrEqual(text.length);
          if (link.source === 'text') expect(link.raw).toBe(text.slice(link.start, link.end).slice(0, MAX_URL_LENGTH));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a disguised link wherever it is put, and points at it', () => {
    // Words before which "dot" is a noun ("a red dot") are left alone on purpose, so not generated.
    const nouns = new Set(['the', 'this', 'that', 'one', 'each', 'every', 'per', 'red', 'big', 'small', 'dot']);
    const label = fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/).filter((w) => !nouns.has(w));
    const tld = fc.constantFrom('org', 'com', 'net', 'info');
    const dot = fc.constantFrom('.', '[.]', '(.)', '{.}', ' dot ', '[dot]', ' . ', '．', '。', '،');
    const filler = fc.constantFrom('', 'hello', 'مرحبا بكم', 'see:', 'Good morning.');
    fc.assert(
      fc.property(filler, label, dot, tld, filler, (before, name, sep, top, after) => {
        const written = `${name}${sep}${top}`;
        const text = `${before} ${written} ${after}`;
        const links = extractLinks(text);
        expect(links.map((l) => l.host)).toEqual([`${name}.${top}`]);
        expect(text.slice(links[0]?.start, links[0]?.end)).toBe(written);
        expect(links[0]?.obfuscated.length === 0).toBe(sep === '.');
      }),
      { numRuns: 500 },
    );
  });

  it('finds nothing in text without Latin letters or link punctuation', () => {
    const arabic = fc.array(fc.constantFrom('مرحبا', 'بكم', '،', '.', ' ', '؟', '٫', '۔', '3', '5'), { maxLength: 40 });
    fc.assert(
      fc.property(arabic, (parts) => {
        expect(extractLinks(parts.join(''))).toEqual([]);
      }),
    );
  });
});
