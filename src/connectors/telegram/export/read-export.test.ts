import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../core/index.js';
import {
  chatExport,
  errorsOf,
  itemsOf,
  message,
  readAll,
  tempDir,
  writeExport,
  writeFile,
} from './fixtures/export-dir.js';

const kinds = (records: SourceRecord[]) => records.map((r) => (r.type === 'error' ? `error:${r.error.code}` : r.type));

describe('readTelegramExport', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    tmp = tempDir();
    file = join(tmp.dir, 'result.json');
  });
  afterEach(() => tmp.remove());

  async function one(extra: Record<string, unknown>) {
    writeExport(tmp.dir, chatExport([message(7, extra)]));
    const records = await readAll(tmp.dir);
    expect(errorsOf(records)).toEqual([]);
    return itemsOf(records)[0];
  }

  it('reads a single-chat export into items and one channel record', async () => {
    writeExport(tmp.dir, chatExport([message(1), message(2, { text: 'weather today' })]));
    const records = await readAll(tmp.dir);
    expect(kinds(records)).toEqual(['item', 'item', 'channel']);
    expect(records[0]).toEqual({
      type: 'item',
      record: `${file}#1001/0 id=1`,
      item: {
        platform: 'telegram',
        chat: { id: '1001', title: 'Sample Channel', type: 'channel' },
        messageId: '1',
        version: 0,
        author: { id: 'channel1001', name: 'Sample Channel' },
        postedAt: '2023-11-14T22:14:20.000Z',
        text: 'hello',
        entities: [],
        media: [],
      },
    });
    expect(records[2]).toEqual({
      type: 'channel',
      channel: {
        platform: 'telegram',
        id: '1001',
        title: 'Sample Channel',
        type: 'channel',
        firstSeenAt: '2023-11-14T22:14:20.000Z',
        lastSeenAt: '2023-11-14T22:15:20.000Z',
      },
    });
  });

  it('accepts the path of result.json itself', async () => {
    writeExport(tmp.dir, chatExport([message(1)]));
    expect(itemsOf(await readAll(file))).toHaveLength(1);
  });

  it('reads array text with entities', async () => {
    const item = await one({
      text: [
        'join ',
        { type: 'text_link', text: 'here', href: 'https://example.org/x' },
        ' ',
        { type: 'hashtag', text: '#news' },
      ],
      text_entities: undefined,
    });
    expect(item?.text).toBe('join here #news');
    expect(item?.entities).toEqual([
      { type: 'text-link', text: 'here', url: 'https://example.org/x' },
      { type: 'hashtag', text: '#news' },
    ]);
  });

  it('reads inline button links', async () => {
    const item = await one({ inline_bot_buttons: [[{ type: 'url', text: 'Open', data: 'https://example.org/b' }]] });
    expect(item?.entities).toEqual([{ type: 'button-url', text: 'Open', url: 'https://example.org/b' }]);
  });

  it('reads forwards, with the source id when the export has it', async () => {
    expect((await one({ forwarded_from: 'Other Channel', forwarded_from_id: 'channel2002' }))?.forward).toEqual({
      fromName: 'Other Channel',
      fromId: 'channel2002',
    });
  });

  it('reads saved_from as a forward', async () => {
    expect((await one({ saved_from: 'Saved Place' }))?.forward).toEqual({ fromName: 'Saved Place' });
  });

  it('reads a reply and a bot the message came via', async () => {
    const item = await one({ reply_to_message_id: 3, via_bot: '@samplebot' });
    expect(item?.replyTo).toBe('3');
    expect(item?.viaBot).toBe('@samplebot');
  });

  it('uses the post signature as author name when there is no sender', async () => {
    expect((await one({ from: undefined, from_id: undefined, author: 'Editor' }))?.author).toEqual({ name: 'Editor' });
  });

  it('makes an edit a new version numbered by the edit time', async () => {
    expect((await one({ edited: '2023-11-14T23:00:00', edited_unixtime: '1700002800' }))?.version).toBe(1_700_002_800);
    expect((await one({ edited: '2023-11-14T23:00:00' }))?.version).toBe(1_700_002_800);
    expect((await one({}))?.version).toBe(0);
  });

  it('falls back to the local date, read as UTC, when date_unixtime is absent', async () => {
    expect((await one({ date: '2021-03-04T05:06:07', date_unixtime: undefined }))?.postedAt).toBe(
      '2021-03-04T05:06:07.000Z',
    );
  });

  it('turns service messages into channel events, not items', async () => {
    const service = (id: number, action: string, extra: Record<string, unknown>) => ({
      id,
      type: 'service',
      date_unixtime: String(1672531200 + (id - 1) * 100),
      actor: 'Owner',
      actor_id: 'user5',
      action,
      text: '',
      ...extra,
    });
    writeExport(
      tmp.dir,
      chatExport([
        service(1, 'create_channel', { title: 'Sample Channel', date: '2023-01-01T00:00:00' }),
        service(2, 'invite_members', { members: ['Ann', null, 'Bo'] }),
        service(3, 'pin_message', { message_id: 9 }),
        service(4, 'edit_group_title', { title: 'New Name', actor: undefined, actor_id: undefined }),
      ]),
    );
    const records = await readAll(tmp.dir);
    expect(kinds(records)).toEqual(['channel-event', 'channel-event', 'channel-event', 'channel-event', 'channel']);
    const events = records.flatMap((r) => (r.type === 'channel-event' ? [r.event] : []));
    expect(events[0]).toEqual({
      platform: 'telegram',
      chatId: '1001',
      messageId: '1',
      action: 'create_channel',
      at: '2023-01-01T00:00:00.000Z',
      actor: 'Owner',
      actorId: 'user5',
      details: { title: 'Sample Channel' },
    });
    expect(events.slice(1).map((e) => [e.action, e.details])).toEqual([
      ['invite_members', { members: ['Ann', 'Bo'] }],
      ['pin_message', { message_id: 9 }],
      ['edit_group_title', { title: 'New Name' }],
    ]);
  });

  it('reads every chat of a full-account export, left chats included', async () => {
    writeExport(tmp.dir, {
      about: 'Here is the data you requested.',
      personal_information: { user_id: 5, first_name: 'Sam', phone_number: '+1000' },
      contacts: { about: 'x', list: [{ first_name: 'A', phone_number: '+2000', date: '2020-01-01T00:00:00' }] },
      frequent_contacts: { about: 'y', list: [] },
      chats: {
        about: 'z',
        list: [
          chatExport([message(1), message(2)], { id: 11, type: 'personal_chat', name: 'Ann' }),
          chatExport([message(1)], { id: 22, type: 'private_supergroup', name: 'Group' }),
          chatExport([], { id: 23, type: 'bot_chat', name: 'Quiet' }),
        ],
      },
      left_chats: { about: 'w', list: [chatExport([message(5)], { id: 33, type: 'private_channel', name: 'Gone' })] },
    });
    const records = await readAll(tmp.dir);
    expect(errorsOf(records)).toEqual([]);
    expect(itemsOf(records).map((i) => `${i.chat.id}/${i.messageId}/${i.chat.type}`)).toEqual([
      '11/1/private',
      '11/2/private',
      '22/1/supergroup',
      '33/5/channel',
    ]);
    const channels = records.flatMap((r) =>
      r.type === 'channel' ? [`${r.channel.id}:${r.channel.type}:${r.channel.title}`] : [],
    );
    expect(channels).toEqual(['11:private:Ann', '22:supergroup:Group', '33:channel:Gone']);
    expect(kinds(records)).toEqual(['item', 'item', 'channel', 'item', 'channel', 'item', 'channel']);
  });

  it('keeps what came before a cut-off and then reports EXPORT_TRUNCATED', async () => {
    const full = JSON.stringify(chatExport([message(1), message(2), message(3, { text: 'cut here' })]), null, 1);
    writeFileSync(file, full.slice(0, full.indexOf('cut here') + 3));
    const records = await readAll(tmp.dir);
    expect(kinds(records)).toEqual(['item', 'item', 'channel', 'error:EXPORT_TRUNCATED']);
    const [error] = errorsOf(records);
    expect(error?.record).toBe(`${file}#1001/2`);
    expect(error?.message).toMatch(/byte \d+/);
    expect(error?.message).not.toContain('cut');
  });

  it('reports a message without id and goes on', async () => {
    const noId = message(2);
    delete noId.id;
    writeExport(tmp.dir, chatExport([message(1), noId, message(3)]));
    const records = await readAll(tmp.dir);
    expect(kinds(records)).toEqual(['item', 'error:RECORD_ID_MISSING', 'item', 'channel']);
    expect(errorsOf(records)[0]?.record).toBe(`${file}#1001/1`);
    expect(errorsOf(records)[0]?.message).not.toContain('hello');
  });

  it('reports a message over the size limit and goes on', async () => {
    writeExport(tmp.dir, chatExport([message(1), message(2, { text: 'weather '.repeat(500) }), message(3)]));
    const records = await readAll(tmp.dir, { maxRecordBytes: 1000, readChunkBytes: 256 });
    expect(kinds(records)).toEqual(['item', 'error:EXPORT_LIMIT_EXCEEDED', 'item', 'channel']);
    expect(errorsOf(records)[0]?.record).toBe(`${file}#1001/1`);
    expect(errorsOf(records)[0]?.message).not.toContain('weather');
  });

  it('reports a message that does not fit the item schema, naming the field', async () => {
    writeExport(tmp.dir, chatExport([message(1, { date: 'yesterday', date_unixtime: undefined }), 42, message(3)]));
    const records = await readAll(tmp.dir);
    expect(kinds(records)).toEqual(['error:RECORD_INVALID', 'error:RECORD_INVALID', 'item', 'channel']);
    const [bad, notObject] = errorsOf(records);
    expect(bad?.record).toBe(`${file}#1001/0 id=1`);
    expect(bad?.message).toContain('"postedAt"');
    expect(notObject?.message).toContain('not a JSON object');
  });

  it('reports a message that is not valid JSON and goes on', async () => {
    const text = JSON.stringify(chatExport([message(1), message(2), message(3)]), null, 1);
    writeFileSync(file, text.replace('"id": 2,', '"id": 2,,'));
    const records = await readAll(tmp.dir);
    expect(kinds(records)).toEqual(['item', 'error:EXPORT_JSON_INVALID', 'item', 'channel']);
    expect(errorsOf(records)[0]?.record).toBe(`${file}#1001/1`);
  });

  it('reports every message of a chat whose id is not known before its messages', async () => {
    const text = JSON.stringify(
      { name: 'Late', type: 'public_channel', messages: [message(1), message(2)], id: 5 },
      null,
      1,
    );
    writeFileSync(file, text);
    const records = await readAll(tmp.dir);
    expect(kinds(records)).toEqual(['error:CHAT_ID_MISSING', 'error:CHAT_ID_MISSING']);
    expect(errorsOf(records).map((e) => e.record)).toEqual([`${file}#?/0 id=1`, `${file}#?/1 id=2`]);
  });

  describe('refuses what is not a readable export, before yielding anything', () => {
    async function refusal(path: string) {
      const seen: SourceRecord[] = [];
      try {
        for await (const r of (await import('./read-export.js')).readTelegramExport(path, { maxRecordBytes: 1 << 20 }))
          seen.push(r);
      } catch (error) {
        expect(seen).toEqual([]);
        return error as { code: string; message: string };
      }
      throw new Error('expected a refusal');
    }

    it('a path that does not exist', async () => {
      expect((await refusal(join(tmp.dir, 'nope'))).code).toBe('SOURCE_UNREADABLE');
    });

    it('a folder without result.json', async () => {
      writeFile(tmp.dir, 'messages.html', '<html></html>');
      expect((await refusal(tmp.dir)).code).toBe('SOURCE_FORMAT_UNKNOWN');
    });

    it.each([
      ['JSON without messages or chats', '{"name": "x", "id": 1, "list": [1, 2]}'],
      ['a root array', '[{"messages": []}]'],
      ['a file that is not JSON', '<html>not json</html>'],
      ['an empty file', ''],
      ['a file cut before any messages', '{"name": "x", "id": 1, "mess'],
    ])('%s', async (_name, content) => {
      writeFileSync(file, content);
      expect((await refusal(file)).code).toBe('SOURCE_FORMAT_UNKNOWN');
    });
  });

  it('streams a 50,000-message export read in small chunks', async () => {
    const { writeSyntheticExport } = await import('./fixtures/generate-export.js');
    const bytes = writeSyntheticExport(file, { messages: 50_000, fullAccount: true });
    const { readTelegramExport } = await import('./read-export.js');
    const counts: Record<string, number> = {};
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    for await (const r of readTelegramExport(tmp.dir, { maxRecordBytes: 1 << 16, readChunkBytes: 4096 })) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
      if ((counts[r.type] as number) % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(counts).toEqual({ item: 49_000, 'channel-event': 1000, channel: 1 });
    // Holding every message would cost several times the file size; the reader holds one chunk's.
    expect(peak - before).toBeLessThan(bytes);
  });
});
