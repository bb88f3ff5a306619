import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../core/index.js';
import { readJsonl } from './read-jsonl.js';
import { splitLines } from './split-lines.js';

const item = (id: string, chat = 'c1', extra: Record<string, unknown> = {}) => ({
  chat: { id: chat, title: 'Sample', type: 'channel' },
  messageId: id,
  postedAt: `2024-01-0${id}T00:00:00Z`,
  text: 'weather today',
  ...extra,
});

const kinds = (records: SourceRecord[]) => records.map((r) => (r.type === 'error' ? `error:${r.error.code}` : r.type));

describe('readJsonl', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rasd-jsonl-'));
    file = join(dir, 'items.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function read(content: string, maxRecordBytes = 1 << 20) {
    writeFileSync(file, content);
    const out: SourceRecord[] = [];
    for await (const r of readJsonl(file, { maxRecordBytes })) out.push(r);
    return out;
  }

  it('reads items with defaults applied, and one channel record per chat', async () => {
    const records = await read(
      `${[item('1'), item('2'), item('3', 'c2', { chat: { id: 'c2' } })].map((i) => JSON.stringify(i)).join('\n')}\n`,
    );
    expect(kinds(records)).toEqual(['channel', 'item', 'item', 'channel', 'item']);
    expect(records[0]).toEqual({
      type: 'channel',
      channel: {
        platform: 'telegram',
        id: 'c1',
        title: 'Sample',
        type: 'channel',
        firstSeenAt: '2024-01-01T00:00:00Z',
        lastSeenAt: '2024-01-01T00:00:00Z',
      },
    });
    expect(records[1]).toMatchObject({
      record: `${file}#1`,
      item: { version: 0, entities: [], media: [], platform: 'telegram' },
    });
    expect(records[3]).toMatchObject({ channel: { id: 'c2', type: 'unknown' } });
  });

  it('skips blank lines, reads CRLF and a last line without newline', async () => {
    const records = await read(`\n${JSON.stringify(item('1'))}\r\n   \r\n${JSON.stringify(item('2'))}`);
    expect(kinds(records)).toEqual(['channel', 'item', 'item']);
    expect(records[2]).toMatchObject({ record: `${file}#4` });
  });

  it('reports a malformed line in the middle and reads on', async () => {
    const lines = [
      JSON.stringify(item('1')),
      '{"chat": {"id": "c1"}, "messageId": "2", hello weather',
      JSON.stringify(item('3')),
    ];
    const records = await read(lines.join('\n'));
    expect(kinds(records)).toEqual(['channel', 'item', 'error:RECORD_INVALID', 'item']);
    const error = records[2]?.type === 'error' ? records[2].error : undefined;
    expect(error?.record).toBe(`${file}#2`);
    expect(error?.message).not.toContain('weather');
  });

  it('names the field of a line that is JSON but not an item', async () => {
    const records = await read(`${JSON.stringify(item('1', 'c1', { postedAt: 'soon' }))}\n`);
    expect(kinds(records)).toEqual(['error:RECORD_INVALID']);
    expect(records[0]?.type === 'error' && records[0].error.message).toContain('"postedAt"');
  });

  it('reports a line over the size limit without holding it, and reads on', async () => {
    const long = JSON.stringify(item('2', 'c1', { text: 'weather '.repeat(5000) }));
    const records = await read([JSON.stringify(item('1')), long, JSON.stringify(item('3'))].join('\n'), 1000);
    expect(kinds(records)).toEqual(['channel', 'item', 'error:EXPORT_LIMIT_EXCEEDED', 'item']);
    expect(records[2]?.type === 'error' && records[2].error.record).toBe(`${file}#2`);
  });

  it('throws SOURCE_UNREADABLE for a missing file', async () => {
    await expect(readJsonl(join(dir, 'nope.jsonl'), { maxRecordBytes: 100 }).next()).rejects.toMatchObject({
      code: 'SOURCE_UNREADABLE',
    });
  });
});

describe('splitLines', () => {
  it('finds the same lines however the bytes are split', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '\r', ' ', '✓') });
    await fc.assert(
      fc.asyncProperty(fc.array(line), fc.array(fc.nat(), { maxLength: 20 }), async (lines, cuts) => {
        const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1))), bytes.length].sort((a, b) => a - b);
        const chunks = points.map((p, i) => bytes.subarray(i === 0 ? 0 : (points[i - 1] as number), p));
        async function* source() {
          yield* chunks;
        }
        const got: string[] = [];
        for await (const batch of splitLines(source(), 1 << 20))
          for (const l of batch) got.push(l.bytes?.toString() ?? '');
        expect(got).toEqual(lines.map((l) => l.replace(/\r$/, '')));
      }),
    );
  });

  it('counts an over-long line without keeping it', async () => {
    async function* source() {
      yield Buffer.from('ab');
      yield Buffer.from('cdefgh');
      yield Buffer.from('ij\nxy\n');
    }
    const got = [];
    for await (const batch of splitLines(source(), 4)) got.push(...batch);
    expect(got).toEqual([
      { number: 1, tooLong: 10 },
      { number: 2, bytes: Buffer.from('xy') },
    ]);
  });
});
