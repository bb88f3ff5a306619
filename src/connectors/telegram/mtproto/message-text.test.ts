import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import { messageText } from './message-text.js';

const message = (text: string, fields: Partial<ConstructorParameters<typeof Api.Message>[0]> = {}) =>
  new Api.Message({
    id: 1,
    peerId: new Api.PeerChannel({ channelId: returnBigInt(1) }),
    date: 1_700_000_000,
    message: text,
    ...fields,
  });

describe('messageText', () => {
  it('keeps the text and gives link targets, hidden ones included', () => {
    const { text, entities } = messageText(
      message('see here and https://example.org/x', {
        entities: [
          new Api.MessageEntityTextUrl({ offset: 4, length: 4, url: 'https://example.org/hidden' }),
          new Api.MessageEntityUrl({ offset: 13, length: 21 }),
        ],
      }),
    );
    expect(text).toBe('see here and https://example.org/x');
    expect(entities).toEqual([
      { type: 'text-link', text: 'here', url: 'https://example.org/hidden' },
      { type: 'url', text: 'https://example.org/x', url: 'https://example.org/x' },
    ]);
  });

  it('counts offsets in UTF-16 units, as Telegram does', () => {
    const { entities } = messageText(
      message('🌧🌧 #rain', { entities: [new Api.MessageEntityHashtag({ offset: 5, length: 5 })] }),
    );
    expect(entities).toEqual([{ type: 'hashtag', text: '#rain' }]);
  });

  it('drops an entity inside the previous one, as the exporter does, even a link inside bold text', () => {
    const { entities } = messageText(
      message('read this now', {
        entities: [
          new Api.MessageEntityBold({ offset: 0, length: 13 }),
          new Api.MessageEntityTextUrl({ offset: 5, length: 4, url: 'https://example.org/in-bold' }),
        ],
      }),
    );
    expect(entities).toEqual([]);
  });

  it('skips empty entities and entities past the end, and goes on with the rest', () => {
    const { entities } = messageText(
      message('ask @someone', {
        entities: [
          new Api.MessageEntityMention({ offset: 0, length: 0 }),
          new Api.MessageEntityMention({ offset: 4, length: 50 }),
          new Api.MessageEntityMention({ offset: 4, length: 8 }),
        ],
      }),
    );
    expect(entities).toEqual([{ type: 'mention', text: '@someone' }]);
  });

  it('keeps an entity the exporter keeps because it measures the end in UTF-8 bytes', () => {
    // 'é' is one UTF-16 unit but two UTF-8 bytes: an entity one unit too long still fits the byte count.
    const { entities } = messageText(
      message('é #tag', { entities: [new Api.MessageEntityHashtag({ offset: 2, length: 5 })] }),
    );
    expect(entities).toEqual([{ type: 'hashtag', text: '#tag' }]);
  });

  it('maps every entity type that has a target, with the user id behind a mention by name', () => {
    const text = 'a b c d e f g';
    const at = (offset: number) => ({ offset, length: 1 });
    const { entities } = messageText(
      message(text, {
        entities: [
          new Api.MessageEntityMentionName({ ...at(0), userId: returnBigInt(777) }),
          new Api.InputMessageEntityMentionName({ ...at(2), userId: new Api.InputUserSelf() }),
          new Api.MessageEntityCashtag(at(4)),
          new Api.MessageEntityBotCommand(at(6)),
          new Api.MessageEntityEmail(at(8)),
          new Api.MessageEntityPhone(at(10)),
          new Api.MessageEntitySpoiler(at(12)),
        ],
      }),
    );
    expect(entities).toEqual([
      { type: 'mention-name', text: 'a', url: 'tg://user?id=777' },
      { type: 'mention-name', text: 'b' },
      { type: 'cashtag', text: 'c' },
      { type: 'bot-command', text: 'd' },
      { type: 'email', text: 'e' },
      { type: 'phone', text: 'f' },
    ]);
  });

  it('adds inline button links after the text entities, row by row, and no callback or reply keyboard', () => {
    const inline = new Api.ReplyInlineMarkup({
      rows: [
        new Api.KeyboardButtonRow({
          buttons: [
            new Api.KeyboardButtonCallback({ text: 'Vote', data: Buffer.from('1') }),
            new Api.KeyboardButtonUrlAuth({ text: 'Log in', url: 'https://example.org/auth', buttonId: 1 }),
          ],
        }),
        new Api.KeyboardButtonRow({
          buttons: [
            new Api.KeyboardButtonSimpleWebView({ text: 'App', url: 'https://example.org/app' }),
            new Api.KeyboardButtonUrl({ text: 'Empty', url: '' }),
          ],
        }),
      ],
    });
    expect(messageText(message('hi', { replyMarkup: inline })).entities).toEqual([
      { type: 'button-url', text: 'Log in', url: 'https://example.org/auth' },
      { type: 'button-url', text: 'App', url: 'https://example.org/app' },
    ]);
    const keyboard = new Api.ReplyKeyboardMarkup({
      rows: [new Api.KeyboardButtonRow({ buttons: [new Api.KeyboardButton({ text: 'Reply' })] })],
    });
    expect(messageText(message('hi', { replyMarkup: keyboard })).entities).toEqual([]);
  });

  it('clips over-long entity text and links to the item limits', () => {
    const long = `https://example.org/${'a'.repeat(9000)}`;
    const [entity] = messageText(
      message(long, { entities: [new Api.MessageEntityUrl({ offset: 0, length: long.length })] }),
    ).entities;
    expect(entity?.text.length).toBe(4096);
    expect(entity?.url?.length).toBe(4096);
    const [hidden] = messageText(
      message('x', { entities: [new Api.MessageEntityTextUrl({ offset: 0, length: 1, url: long })] }),
    ).entities;
    expect(hidden?.url?.length).toBe(8192);
  });

  it('reads a message without text as empty', () => {
    expect(messageText(message(undefined as unknown as string))).toEqual({ text: '', entities: [] });
  });
});
