import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonKey, type JsonPath, type JsonStreamItem, type Selection, streamJsonValues } from './json-stream.js';

type Selector = (path: JsonPath) => Selection;

function split(text: string | Buffer, cuts: number[]): Buffer[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    if (p > last) chunks.push(Buffer.from(bytes.subarray(last, p)));
    last = Math.max(last, p);
  }
  return chunks;
}

async function collect(chunks: Iterable<Buffer | string>, select: Selector, maxValueBytes = 1 << 20) {
  const out: JsonStreamItem[] = [];
  for await (const item of streamJsonValues(chunks, { select, maxValueBytes })) out.push(item);
  return out;
}

/** What a correct scanner must yield, computed from the parsed document. */
function expected(value: unknown, select: Selector, path: JsonKey[] = []): { path: JsonKey[]; value: unknown }[] {
  const decision = select(path);
  if (decision === 'capture') return [{ path, value }];
  if (decision !== 'descend' || value === null || typeof value !== 'object') return [];
  const entries: [JsonKey, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([k, v]) => expected(v, select, [...path, k]));
}

/** A deterministic pseudo-random selector, so each run exercises capture, descend and skip. */
function hashedSelector(seed: number): Selector {
  return (path) => {
    let h = seed;
    for (const k of path) for (const ch of String(k)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    h = (Math.imul(h ^ path.length, 2654435761) >>> 0) % 5;
    return h < 2 ? 'descend' : h < 4 ? 'capture' : 'skip';
  };
}

const values = (items: JsonStreamItem[]) => items.map((i) => ({ path: i.path, value: i.value }));
const tricky = fc.string({
  unit: fc.constantFrom('"', '\\', '/', '\n', '\u0001', 'é', '✓', '😀', '\ud800', 'a', '{', ']', ',', ':'),
});
const json = fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), fc.jsonValue({ stringUnit: tricky }));
const cuts = fc.array(fc.nat(), { maxLength: 40 });

describe('streamJsonValues', () => {
  it('yields what JSON.parse sees, however the input is split', async () => {
    await fc.assert(
      fc.asyncProperty(json, cuts, fc.integer(), fc.constantFrom(0, 1, '\t'), async (doc, at, seed, indent) => {
        const text = JSON.stringify(doc, null, indent);
        const select = hashedSelector(seed);
        const got = await collect(split(text, at), select);
        expect(got.filter((i) => i.error)).toEqual([]);
        expect(values(got)).toEqual(expected(JSON.parse(text), select));
      }),
      { numRuns: 400 },
    );
  });

  it('captures the root whole, split one byte at a time', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (doc) => {
        const text = JSON.stringify(doc);
        const bytes = Buffer.from(text);
        const chunks = [...bytes].map((b) => Buffer.from([b]));
        const got = await collect(chunks, () => 'capture');
        expect(values(got)).toEqual([{ path: [], value: JSON.parse(text) }]);
      }),
      { numRuns: 150 },
    );
  });

  it('reports a cut-off document after yielding everything complete before the cut', async () => {
    const container = fc.oneof(fc.array(json), fc.dictionary(fc.string(), json));
    await fc.assert(
      fc.asyncProperty(container, fc.nat(), cuts, fc.integer(), async (doc, cutAt, at, seed) => {
        const full = Buffer.from(JSON.stringify(doc));
        const cut = full.subarray(0, cutAt % full.length);
        const select = hashedSelector(seed);
        const whole = values(await collect([full], select));
        const got = await collect(split(cut, at), select);
        const last = got.at(-1);
        expect(last?.error?.code).toBe('EXPORT_TRUNCATED');
        expect(last?.offset).toBe(cut.length);
        const before = values(got.slice(0, -1));
        expect(before).toEqual(whole.slice(0, before.length));
      }),
      { numRuns: 300 },
    );
  });

  const messages: Selector = (p) => (p.length === 0 ? 'descend' : 'capture');

  it('skips a value over the size limit and goes on', async () => {
    const big = 'x'.repeat(500);
    const text = `[{"a":1},{"b":"${big}"},{"c":3}]`;
    for (const size of [1, 7, 64, 10_000]) {
      const got = await collect(
        split(
          text,
          Array.from({ length: 600 }, (_, i) => i * size),
        ),
        messages,
        100,
      );
      expect(got.map((i) => i.error?.code ?? i.value)).toEqual([{ a: 1 }, 'EXPORT_LIMIT_EXCEEDED', { c: 3 }]);
      expect(got[1]?.path).toEqual([1]);
    }
  });

  it('skips a captured value that is not valid JSON and goes on', async () => {
    const got = await collect(['[{"a":tru},{"b":"hello"},nul', 'l,{"c":[1,]}, 7]'], messages);
    expect(got.map((i) => i.error?.code ?? i.value)).toEqual([
      'EXPORT_JSON_INVALID',
      { b: 'hello' },
      null,
      'EXPORT_JSON_INVALID',
      7,
    ]);
    const message = got[0]?.error?.message ?? '';
    expect(message).not.toContain('tru');
  });

  it.each([
    ['a missing colon', '{"a" 1}', 5],
    ['a missing comma', '[1 2]', 3],
    ['a trailing comma', '{"a":1,}', 7],
    ['mismatched brackets in a skipped value', '{"a":[1,2}, "b": 1}', 9],
    ['data after the end', '{"a":1} x', 8],
    ['a stray character', '[1, @]', 4],
  ])('stops at structural garbage: %s', async (_name, text, offset) => {
    const got = await collect([text], (p) => (p.length === 0 ? 'descend' : 'skip'));
    expect(got).toHaveLength(1);
    expect(got[0]?.error?.code).toBe('EXPORT_JSON_INVALID');
    expect(got[0]?.offset).toBe(offset);
  });

  it('stops at nesting deeper than the limit', async () => {
    const out: JsonStreamItem[] = [];
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for await (const i of streamJsonValues([deep], { select: () => 'skip', maxValueBytes: 1e9, maxDepth: 100 })) {
      out.push(i);
    }
    expect(out.map((i) => i.error?.code)).toEqual(['EXPORT_LIMIT_EXCEEDED']);
  });

  it('reports empty input as truncated at byte 0', async () => {
    const got = await collect([], () => 'capture');
    expect(got.map((i) => [i.error?.code, i.offset])).toEqual([['EXPORT_TRUNCATED', 0]]);
  });

  it('accepts a byte-order mark and a bare root scalar', async () => {
    const got = await collect([Buffer.from([0xef, 0xbb, 0xbf]), ' 12', '.5 '], () => 'capture');
    expect(values(got)).toEqual([{ path: [], value: 12.5 }]);
  });

  it('decodes escaped keys and multi-byte keys split inside a character', async () => {
    const text = Buffer.from('{"k\\u00e9y":{"ключ":[true]}}');
    const select: Selector = (p) => (p.length < 2 ? 'descend' : 'capture');
    for (let cut = 1; cut < text.length; cut++) {
      const got = await collect([text.subarray(0, cut), text.subarray(cut)], select);
      expect(values(got)).toEqual([{ path: ['kéy', 'ключ'], value: [true] }]);
    }
  });
});
