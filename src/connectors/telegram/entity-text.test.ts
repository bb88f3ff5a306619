import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import { messageText as botText } from './bot-api/message-text.js';
import { entityText, MAX_TEXT } from './entity-text.js';
import { messageText as mtprotoText } from './mtproto/message-text.js';

/** One message as each live source delivers it. */
function both(text: string, entities: { type: string; offset: number; length: number; url?: string }[]) {
  const bot = botText({ message_id: 1, date: 1, text, entities });
  const classes: Record<string, (o: { offset: number; length: number; url?: string }) => Api.TypeMessageEntity> = {
    bold: (o) => new Api.MessageEntityBold(o),
    text_link: (o) => new Api.MessageEntityTextUrl({ ...o, url: o.url ?? '' }),
    url: (o) => new Api.MessageEntityUrl(o),
    hashtag: (o) => new Api.MessageEntityHashtag(o),
  };
  const mtproto = mtprotoText(
    new Api.Message({
      id: 1,
      peerId: new Api.PeerChannel({ channelId: returnBigInt(1) }),
      date: 1,
      message: text,
      entities: entities.map((e) => (classes[e.type] as (typeof classes)[string])(e)),
    }),
  );
  return { bot, mtproto };
}

describe('entity text, shared by the Bot API and MTProto', () => {
  it('gives the same entities from both sources for a link inside bold text: dropped, as the exporter does', () => {
    const { bot, mtproto } = both('read this here now', [
      { type: 'bold', offset: 0, length: 13 },
      { type: 'text_link', offset: 10, length: 4, url: 'https://example.org/in-bold' },
      { type: 'hashtag', offset: 14, length: 4 },
    ]);
    expect(bot).toEqual(mtproto);
    expect(bot.entities).toEqual([{ type: 'hashtag', text: ' now' }]);
  });

  it('drops empty and past-the-end entities the same way on both sides, and keeps the rest', () => {
    const { bot, mtproto } = both('see https://example.org/x', [
      { type: 'hashtag', offset: 0, length: 0 },
      { type: 'url', offset: 4, length: 21 },
      { type: 'hashtag', offset: 20, length: 50 },
    ]);
    expect(bot).toEqual(mtproto);
    expect(bot.entities).toEqual([{ type: 'url', text: 'https://example.org/x', url: 'https://example.org/x' }]);
  });

  it('caps the text at the same length for both sources', () => {
    const long = 'a'.repeat(MAX_TEXT + 10);
    const { bot, mtproto } = both(long, []);
    expect(bot.text.length).toBe(MAX_TEXT);
    expect(mtproto.text.length).toBe(MAX_TEXT);
  });

  it('skips buttons without a link and keeps the order: text entities, then buttons row by row', () => {
    const out = entityText(
      'x #a',
      [{ offset: 2, length: 2, part: { type: 'hashtag' } }],
      [
        [
          { text: 'no link', url: undefined },
          { text: 'One', url: 'https://example.org/1' },
        ],
        [{ text: 7, url: 'https://example.org/2' }],
      ],
    );
    expect(out.entities).toEqual([
      { type: 'hashtag', text: '#a' },
      { type: 'button-url', text: 'One', url: 'https://example.org/1' },
      { type: 'button-url', text: '', url: 'https://example.org/2' },
    ]);
  });
});
