import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChatRef, itemSchema, type SourceRecord } from '../../../core/index.js';
import { syntheticMessage } from './fixtures/generate-export.js';
import { type MessageContext, messageRecords } from './message.js';

/*
 * messageRecords builds items without running itemSchema on each (it checks by hand what its
 * mapping does not guarantee, and asks the schema only when a check fails). These tests hold
 * that shortcut to the schema: every item it hands out must be exactly what itemSchema.parse
 * makes of it, over the generator's messages and over random, often hostile, variants.
 */

const chat: ChatRef = { id: '1001', title: 'Sample Channel', type: 'channel' };
const context = (over: Partial<ChatRef> = {}): MessageContext => ({
  file: '/exports/result.json',
  chat: { ...chat, ...over },
  media: { dir: '/exports', realDir: '/exports', statMedia: false },
});

async function records(raw: unknown, index = 0, ctx = context()): Promise<SourceRecord[]> {
  return await messageRecords(raw, index, ctx);
}

function expectSchemaExact(list: SourceRecord[]): number {
  let items = 0;
  for (const record of list) {
    if (record.type !== 'item') continue;
    items++;
    expect(itemSchema.parse(record.item)).toStrictEqual(record.item);
  }
  return items;
}

describe('messageRecords items against itemSchema', () => {
  it('gives items exactly as the schema parses them, for every generated message shape', async () => {
    let items = 0;
    for (let n = 0; n < 3000; n++) {
      items += expectSchemaExact(await records(syntheticMessage(n), n));
      items += expectSchemaExact(await records(syntheticMessage(n, true), n));
    }
    expect(items).toBeGreaterThan(5000);
  });

  it('fills the defaults and keeps the schema order of keys', async () => {
    const [record] = await records({ id: 5, type: 'message', date_unixtime: '1700000000' });
    expect(record?.type).toBe('item');
    const item = record?.type === 'item' ? record.item : undefined;
    expect(item).toStrictEqual({
      platform: 'telegram',
      chat,
      messageId: '5',
      version: 0,
      postedAt: '2023-11-14T22:13:20.000Z',
      text: '',
      entities: [],
      media: [],
    });
    expect(Object.keys(itemSchema.parse(item))).toEqual(Object.keys(item ?? {}));
  });

  it('reports what the schema refuses with the schema’s own words', async () => {
    const tooLong = (n: number) => 'x'.repeat(n);
    const cases: [Record<string, unknown>, string][] = [
      [{ id: tooLong(65) }, 'messageId'],
      [{ reply_to_message_id: tooLong(65) }, 'replyTo'],
      [{ date_unixtime: '999999999999' }, 'postedAt'],
      [{ date_unixtime: undefined, date: '1969-12-31T23:59:59', edited: '1969-12-31T23:59:59' }, 'version'],
      [{ date_unixtime: undefined, date: 'yesterday' }, 'postedAt'],
      [{ text: tooLong(1_000_001) }, 'text'],
      [{ text: [{ type: 'mention_name', text: 'a', user_id: tooLong(9000) }] }, 'entities.0.url'],
    ];
    for (const [extra, field] of cases) {
      const raw = { id: 7, type: 'message', date_unixtime: '1700000000', text: 'hi', ...extra };
      const list = await records(raw);
      expect(list.map((r) => r.type)).toEqual(['error']);
      const error = list[0]?.type === 'error' ? list[0].error : undefined;
      expect(error?.code).toBe('RECORD_INVALID');
      expect(error?.message).toContain(`at "${field}"`);
    }
    const longChat = await records(
      { id: 7, type: 'message', date_unixtime: '1700000000' },
      0,
      context({ id: tooLong(129) }),
    );
    expect(longChat[0]?.type === 'error' && longChat[0].error.message).toContain('at "chat.id"');
  });

  it('gives items exactly as the schema parses them, for random variants of messages', async () => {
    // Mostly what exports hold, sometimes what a hand-edited or hostile one might.
    const usually = <T, U>(normal: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
      fc.oneof({ weight: 5, arbitrary: normal }, { weight: 1, arbitrary: odd });
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
    // Strings right at a schema limit, built cheaply rather than generated character by character.
    const near = (limit: number) =>
      fc.tuple(text, fc.integer({ min: -2, max: 2 })).map(([start, d]) => start + 'y'.repeat(limit + d));
    const long = (limit: number) => usually(text, near(limit));
    const id = usually(
      fc.integer({ min: 0, max: 2 ** 53 - 1 }),
      fc.oneof(fc.integer({ min: -5, max: 0 }), fc.double(), near(64), fc.constantFrom('', null, true)),
    );
    const unix = usually(
      fc.integer({ min: 0, max: 4_000_000_000 }).map(String),
      fc.oneof(fc.integer({ min: -1, max: 10 ** 12 }).map(String), fc.integer({ min: -9, max: 2 ** 40 }), text),
    );
    const local = usually(
      fc
        .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 19)),
      text,
    );
    const entityType = fc.constantFrom(
      ...['plain', 'link', 'text_link', 'mention', 'mention_name', 'hashtag', 'cashtag', 'bot_command'],
      ...['email', 'phone', 'bold', 'custom_emoji', 'unknown_new_type'],
    );
    const part = fc.oneof(
      text,
      fc.record(
        { type: entityType, text: long(4096), href: long(8192), user_id: usually(fc.integer(), near(8192)) },
        { requiredKeys: ['type'] },
      ),
    );
    const button = fc.record(
      {
        type: fc.constantFrom('url', 'callback', 'auth', 'web_view'),
        text: long(4096),
        data: long(8192),
        url: long(8192),
      },
      { requiredKeys: [] },
    );
    const media = fc.oneof(
      fc.constant('(File not included. Change data exporting settings to download.)'),
      fc.constantFrom('photos/a.jpg', 'video_files/b.mp4', '../outside.jpg', '/etc/passwd', ''),
      near(4096).map((s) => `files/${s}`),
    );
    const count = usually(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.oneof(fc.integer({ min: -9, max: -1 }), fc.double()),
    );
    const message = fc.record(
      {
        id,
        type: usually(fc.constant('message'), fc.constantFrom('service', 'other', 7)),
        date_unixtime: unix,
        date: local,
        edited_unixtime: unix,
        edited: local,
        from: long(512),
        from_id: long(128),
        author: long(512),
        text: fc.oneof(text, fc.array(part, { maxLength: 6 })),
        text_entities: fc.array(part, { maxLength: 6 }),
        inline_bot_buttons: fc.array(fc.array(button, { maxLength: 3 }), { maxLength: 3 }),
        forwarded_from: long(512),
        forwarded_from_id: id,
        saved_from: long(512),
        reply_to_message_id: id,
        via_bot: long(128),
        photo: media,
        photo_file_size: count,
        file: media,
        thumbnail: media,
        file_name: long(1024),
        file_size: count,
        media_type: fc.constantFrom('video_file', 'voice_message', 'sticker', 'animation', 'unknown'),
        mime_type: long(255),
        duration_seconds: usually(fc.integer({ min: 0, max: 10_000 }), fc.double()),
        width: count,
        height: count,
      },
      { requiredKeys: ['id', 'type', 'date_unixtime'] },
    );
    const chats = fc.record(
      { id: usually(fc.constant('1001'), long(128)), title: long(512) },
      { requiredKeys: ['id'] },
    );
    let items = 0;
    await fc.assert(
      fc.asyncProperty(message, chats, async (raw, over) => {
        items += expectSchemaExact(await records(raw, 0, context(over)));
      }),
      { numRuns: 2000 },
    );
    // Most variants must come out as items, or this would test little.
    expect(items).toBeGreaterThan(800);
  });
});
