import { describe, expect, it } from 'vitest';
import { readText } from './text.js';

describe('readText', () => {
  it('takes a plain string text as is, with no entities', () => {
    expect(readText({ text: 'weather today' })).toEqual({ text: 'weather today', entities: [] });
  });

  it('concatenates the array form and derives entities from it', () => {
    const out = readText({
      text: ['see ', { type: 'link', text: 'https://example.org/a' }, ' and ', { type: 'bold', text: 'this' }],
    });
    expect(out.text).toBe('see https://example.org/a and this');
    expect(out.entities).toEqual([{ type: 'url', text: 'https://example.org/a', url: 'https://example.org/a' }]);
  });

  it('prefers text_entities when present', () => {
    const out = readText({
      text: ['hello ', { type: 'mention', text: '@old' }],
      text_entities: [
        { type: 'plain', text: 'hello ' },
        { type: 'hashtag', text: '#weather' },
      ],
    });
    expect(out.text).toBe('hello @old');
    expect(out.entities).toEqual([{ type: 'hashtag', text: '#weather' }]);
  });

  it('builds the text from text_entities when text is absent', () => {
    expect(
      readText({
        text_entities: [
          { type: 'plain', text: 'good ' },
          { type: 'italic', text: 'morning' },
        ],
      }).text,
    ).toBe('good morning');
  });

  it('keeps the hidden target of a text_link, not its visible text', () => {
    const out = readText({
      text_entities: [{ type: 'text_link', text: 'click here', href: 'https://example.org/hidden' }],
    });
    expect(out.entities).toEqual([{ type: 'text-link', text: 'click here', url: 'https://example.org/hidden' }]);
  });

  it('maps mentions, hashtags, cashtags, bot commands, links, emails and phones', () => {
    const out = readText({
      text_entities: [
        { type: 'mention', text: '@sample' },
        { type: 'mention_name', text: 'Sam', user_id: 42 },
        { type: 'hashtag', text: '#news' },
        { type: 'cashtag', text: '$ABC' },
        { type: 'bot_command', text: '/start' },
        { type: 'link', text: 'example.org' },
        { type: 'email', text: 'a@example.org' },
        { type: 'phone', text: '+10000000000' },
      ],
    });
    expect(out.entities).toEqual([
      { type: 'mention', text: '@sample' },
      { type: 'mention-name', text: 'Sam', url: 'tg://user?id=42' },
      { type: 'hashtag', text: '#news' },
      { type: 'cashtag', text: '$ABC' },
      { type: 'bot-command', text: '/start' },
      { type: 'url', text: 'example.org', url: 'example.org' },
      { type: 'email', text: 'a@example.org' },
      { type: 'phone', text: '+10000000000' },
    ]);
  });

  it('produces no entity for formatting', () => {
    const kinds = [
      'bold',
      'italic',
      'plain',
      'code',
      'pre',
      'spoiler',
      'blockquote',
      'custom_emoji',
      'underline',
      'strikethrough',
    ];
    const out = readText({ text_entities: kinds.map((type) => ({ type, text: 'x' })) });
    expect(out.text).toBe('x'.repeat(kinds.length));
    expect(out.entities).toEqual([]);
  });

  it('turns url buttons into button-url entities, whichever field holds the link', () => {
    const out = readText({
      text: 'menu',
      inline_bot_buttons: [
        [
          { type: 'url', text: 'Site', data: 'https://example.org/1' },
          { type: 'callback', text: 'Press', data: 'YWJj' },
        ],
        [{ type: 'url', text: 'Other', url: 'https://example.org/2' }],
        [{ type: 'url', text: 'Third', href: 'https://example.org/3' }],
      ],
    });
    expect(out.entities).toEqual([
      { type: 'button-url', text: 'Site', url: 'https://example.org/1' },
      { type: 'button-url', text: 'Other', url: 'https://example.org/2' },
      { type: 'button-url', text: 'Third', url: 'https://example.org/3' },
    ]);
  });

  it('clips an over-long link instead of losing the message', () => {
    const long = `https://example.org/${'a'.repeat(9000)}`;
    const [entity] = readText({ text_entities: [{ type: 'text_link', text: 'x', href: long }] }).entities;
    expect(entity?.url).toHaveLength(8192);
  });

  it('ignores parts of the wrong shape', () => {
    expect(readText({ text: [42, null, { type: 7 }, 'ok'], text_entities: 'nope' })).toEqual({
      text: 'ok',
      entities: [],
    });
  });
});
