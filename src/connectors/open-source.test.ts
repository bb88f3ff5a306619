import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../core/index.js';
import { openSource } from './index.js';

const chat = {
  name: 'Sample',
  type: 'public_channel',
  id: 1,
  messages: [{ id: 1, type: 'message', date_unixtime: '1700000000', text: 'hello' }],
};
const item = { chat: { id: 'c1' }, messageId: '1', postedAt: '2024-01-01T00:00:00Z', text: 'hello' };

describe('openSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rasd-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function types(path: string) {
    const out: SourceRecord['type'][] = [];
    for await (const r of openSource(path, { maxRecordBytes: 1 << 20 })) out.push(r.type);
    return out;
  }

  it('reads a folder with result.json as a Telegram export', async () => {
    writeFileSync(join(dir, 'result.json'), JSON.stringify(chat));
    expect(await types(dir)).toEqual(['item', 'channel']);
  });

  it('reads a .json file as a Telegram export', async () => {
    writeFileSync(join(dir, 'chat.json'), JSON.stringify(chat));
    expect(await types(join(dir, 'chat.json'))).toEqual(['item', 'channel']);
  });

  it.each(['items.jsonl', 'items.ndjson', 'ITEMS.JSONL'])('reads %s as Rasd items', async (name) => {
    writeFileSync(join(dir, name), `${JSON.stringify(item)}\n`);
    expect(await types(join(dir, name))).toEqual(['channel', 'item']);
  });

  it('is lazy: nothing is checked until iteration starts', () => {
    expect(() => openSource(join(dir, 'nope'), { maxRecordBytes: 1 })).not.toThrow();
  });

  it('refuses a missing path', async () => {
    await expect(types(join(dir, 'nope'))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });

  it('refuses a folder without result.json', async () => {
    mkdirSync(join(dir, 'empty'));
    await expect(types(join(dir, 'empty'))).rejects.toMatchObject({ code: 'SOURCE_FORMAT_UNKNOWN' });
  });

  it('refuses an unknown extension', async () => {
    writeFileSync(join(dir, 'x.csv'), 'a,b');
    await expect(types(join(dir, 'x.csv'))).rejects.toMatchObject({ code: 'SOURCE_FORMAT_UNKNOWN' });
  });
});
