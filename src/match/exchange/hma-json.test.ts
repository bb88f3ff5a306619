import { describe, expect, it } from 'vitest';
import type { ExportableEntry } from './exchange-record.js';
import { fakeMd5, fakePdq, fakeTmk } from './fixtures/fake-hashes.js';
import { meaning, readAll, writeAll } from './fixtures/read-all.js';
import { readHmaJson, writeHmaJson } from './hma-json.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const defaults = { origin: 'hma.jsonl', now: () => NOW };

/** As `GET /c/bank/<bank>/content/<id>?include_signals=true` returns it. */
const CONTENT = {
  id: 17,
  disable_until_ts: 1,
  original_media_uri: null,
  bank: { name: 'PARTNER_BANK', matching_enabled_ratio: 1.0 },
  signals: { pdq: fakePdq(1).toUpperCase(), video_md5: fakeMd5(1) },
  metadata: {
    content_id: 'ref-42',
    content_uri: 'https://example.org/item/42',
    json: { any: 'thing' },
    collab: { TX: ['k1'] },
  },
  note: 'confirmed by two reviewers',
};

describe('hma-json: reading', () => {
  it('reads HMA bank content: one entry per signal, the note kept, HMA ids in the provenance', () => {
    const { entries, fatal } = readAll(readHmaJson(defaults), `${JSON.stringify(CONTENT)}\n`);
    expect(fatal).toBeUndefined();
    const source = 'hma.jsonl#1 hma:PARTNER_BANK/17 content_id=ref-42 collab:TX';
    expect(entries).toEqual([
      { signalType: 'pdq', value: fakePdq(1), note: 'confirmed by two reviewers', source },
      { signalType: 'md5', value: fakeMd5(1), note: 'confirmed by two reviewers', source },
    ]);
  });

  it('reads the body HMA takes at /c/bank/<bank>/signal, in an array or a {"contents": [...]} page', () => {
    const body = { pdq: fakePdq(2), note: 'from a partner' };
    for (const text of [JSON.stringify([body]), JSON.stringify({ contents: [body] })]) {
      expect(readAll(readHmaJson(defaults), text).entries).toEqual([
        { signalType: 'pdq', value: fakePdq(2), note: 'from a partner', source: 'hma.jsonl#1' },
      ]);
    }
  });

  it('skips disabled content and unknown signal types, rejects what is invalid, and goes on', () => {
    const lines = [
      { ...CONTENT, disable_until_ts: 0 },
      { ...CONTENT, disable_until_ts: Math.floor(NOW / 1000) + 3600 },
      { ...CONTENT, disable_until_ts: Math.floor(NOW / 1000) - 3600, signals: { pdq: fakePdq(3) } },
      { id: 5, signals: { raw_text: 'some words', pdq: 'abc' } },
      { id: 6, note: 'no signals here' },
      { pdq: fakePdq(4) },
    ].map((l) => JSON.stringify(l));
    const { outcomes, entries } = readAll(readHmaJson(defaults), `${lines.join('\n')}\n{"broken": \n`);
    expect(entries.map((e) => e.value)).toEqual([fakePdq(3), fakePdq(4)]);
    const problems = outcomes.flatMap((o) => o.problems.map((p) => [o.at.n, p.kind, 'reason' in p ? p.reason : '']));
    expect(problems).toEqual([
      [1, 'skipped', 'disabled'],
      [2, 'skipped', 'disabled'],
      [4, 'skipped', 'unsupported-type'],
      [4, 'rejected', ''],
      [5, 'rejected', ''],
    ]);
    expect(outcomes[4]?.problems[0]?.message).toMatch(/has no signals — expected \{"signals"/);
  });
});

const ENTRIES: ExportableEntry[] = [
  {
    id: 'be_7',
    signalType: 'pdq',
    value: fakePdq(9),
    org: 'example-org',
    category: 'branded',
    note: 'ideology=islamist',
    source: 'list.json#3 tat:2821',
    addedAt: '2026-02-03T04:05:06.000Z',
  },
  {
    id: 'be_8',
    signalType: 'url',
    value: 'https://example.org/x',
    source: 'bank add',
    addedAt: '2026-02-03T04:05:07.000Z',
  },
  { id: 'be_9', signalType: 'tmk', value: fakeTmk(1), source: 'bank add', addedAt: '2026-02-03T04:05:08.000Z' },
];

describe('hma-json: writing', () => {
  it('writes one BankContentResponse-shaped object per line, Rasd fields in metadata.json.rasd', () => {
    const { text, skipped } = writeAll(writeHmaJson({ bank: 'TVEC', bankEnabled: false, rasdTypes: false }), ENTRIES);
    const [first, second, ...rest] = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rest).toEqual([]);
    expect(first).toEqual({
      id: 1,
      disable_until_ts: 1,
      original_media_uri: null,
      bank: { name: 'TVEC', matching_enabled_ratio: 0 },
      signals: { pdq: fakePdq(9) },
      metadata: {
        content_id: 'be_7',
        json: {
          rasd: {
            org: 'example-org',
            category: 'branded',
            source: 'list.json#3 tat:2821',
            added_at: '2026-02-03T04:05:06.000Z',
          },
        },
      },
      note: 'ideology=islamist',
    });
    expect(Object.keys(second)).not.toContain('note');
    expect(skipped).toEqual(['HMA has no tmk signal type']);
  });

  it('reads back what it writes', () => {
    const { text } = writeAll(writeHmaJson({ bank: 'TVEC', bankEnabled: true, rasdTypes: true }), ENTRIES);
    const { entries } = readAll(readHmaJson({ origin: 'out.jsonl' }), text);
    expect(entries.map(meaning)).toEqual(ENTRIES.map(({ id: _id, addedAt: _at, ...e }) => meaning(e)));
    expect(entries[0]?.source).toBe('out.jsonl#1 hma:TVEC/1 content_id=be_7 from list.json#3 tat:2821');
  });
});
