import { describe, expect, it } from 'vitest';
import { type JsonRecord, type JsonRecordOptions, JsonRecordReader } from './json-records.js';

function readAll(chunks: string[], options?: JsonRecordOptions): { records: JsonRecord[]; reader: JsonRecordReader } {
  const reader = new JsonRecordReader(options);
  const records = chunks.flatMap((c) => reader.push(c));
  records.push(...reader.end());
  return { records, reader };
}

const values = (records: JsonRecord[]) => records.map((r) => ('value' in r ? r.value : r.error));

describe('JsonRecordReader', () => {
  it('reads JSON Lines: each object is a record, numbered, with its line', () => {
    const { records, reader } = readAll(['{"a":1}\n{"b":"x}{"}\n\n{"c":[1,{"d":2}]}\n']);
    expect(reader.fatal).toBeUndefined();
    expect(records).toEqual([
      { n: 1, line: 1, value: { a: 1 } },
      { n: 2, line: 2, value: { b: 'x}{' } },
      { n: 3, line: 4, value: { c: [1, { d: 2 }] } },
    ]);
  });

  it('reads the elements of a top-level array, and reports an element that is no object', () => {
    const { records } = readAll(['[\n {"a":1},\n "text",\n [1, 2],\n {"b":"q\\"}"}\n]']);
    expect(records.map((r) => [r.n, r.line, 'value' in r ? r.value : r.error])).toEqual([
      [1, 2, { a: 1 }],
      [2, 3, 'is not a JSON object'],
      [3, 4, 'is not a JSON object'],
      [4, 5, { b: 'q"}' }],
    ]);
  });

  it('reads the records of a page from its array member and ignores the paging around it', () => {
    const page =
      '{"count": 2, "next": "https://example.org/?page=2", "results": [{"id": 1}, {"id": 2}], "checkpoint": "1,2"}';
    expect(values(readAll([page]).records)).toEqual([{ id: 1 }, { id: 2 }]);
    const graph = '{"data": [{"id": "a", "tags": {"data": [{"text": "t"}]}}], "paging": {"cursors": {}}}';
    expect(values(readAll([graph]).records)).toEqual([{ id: 'a', tags: { data: [{ text: 't' }] } }]);
    // A member named otherwise is part of a record, not a page.
    expect(values(readAll(['{"signals": [1], "x": 2}']).records)).toEqual([{ signals: [1], x: 2 }]);
    expect(values(readAll([page], { containerKeys: ['data'] }).records)).toHaveLength(1);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = '\uFEFF{"count":1,"results":[{"k":"a\\\\","v":"\\"[{"},\n{"k":"b"}]}\n';
    const whole = readAll([text]).records;
    expect(values(whole)).toEqual([{ k: 'a\\', v: '"[{' }, { k: 'b' }]);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(readAll([text.slice(0, cut), text.slice(cut)]).records).toEqual(whole);
    }
    expect(readAll([...text]).records).toEqual(whole);
  });

  it('reports a malformed record and goes on with the next', () => {
    const { records, reader } = readAll(['{"a": tru}\n{"b": 2}\n']);
    expect(reader.fatal).toBeUndefined();
    expect(records[0]).toMatchObject({ n: 1, line: 1, error: expect.stringMatching(/not valid JSON/) });
    expect(records[1]).toEqual({ n: 2, line: 2, value: { b: 2 } });
  });

  it('reports a record past the size limit without holding it', () => {
    const big = `{"v":"${'x'.repeat(100)}"}`;
    const { records } = readAll(['{"a":1}\n', big.slice(0, 60), big.slice(60), '\n{"b":2}'], { maxRecordChars: 50 });
    expect(values(records)).toEqual([{ a: 1 }, expect.stringMatching(/longer than 50 characters/), { b: 2 }]);
  });

  it('stops, keeping what came before, at a cut-off file, a wrong bracket, or text that is not JSON', () => {
    const cut = readAll(['{"a":1}\n{"b":[1,2']);
    expect(values(cut.records)).toEqual([{ a: 1 }]);
    expect(cut.reader.fatal?.message).toMatch(/inside record 2 \(from line 2\).*cut short/);

    const wrong = readAll(['{"a":1}\n{"b":[1}\n{"c":3}']);
    expect(values(wrong.records)).toEqual([{ a: 1 }]);
    expect(wrong.reader.fatal).toEqual({ line: 2, message: expect.stringMatching(/does not match/) });

    const csv = readAll(['hash_digest,algorithm\n']);
    expect(csv.records).toEqual([]);
    expect(csv.reader.fatal?.message).toMatch(/line 1 starts with "h"; expected a JSON object or array/);
  });
});
