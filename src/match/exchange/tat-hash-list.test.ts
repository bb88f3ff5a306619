import { describe, expect, it } from 'vitest';
import type { ExportableEntry } from './exchange-record.js';
import { fakeMd5, fakePdq } from './fixtures/fake-hashes.js';
import { meaning, readAll, writeAll } from './fixtures/read-all.js';
import { readTat, TAT_FIELDS, writeTat } from './tat-hash-list.js';

const defaults = { origin: 'tat-2026-07.json' };

/** One page as the hash list API returns it (values made up, shape as pytx's TATHashListResponse). */
const PAGE = {
  count: 100,
  next: 'https://example.org/api/hash-list/v2/all?limit=4&offset=4',
  previous: null,
  checkpoint: '1724856487.709035,10594',
  results: [
    {
      hash_digest: fakeMd5(1),
      algorithm: 'MD5',
      ideology: 'islamist',
      file_type: 'mp4',
      deleted: false,
      updated_on: 1704901040.222779,
      created_on: '2025-03-03T23:05:22.587000',
      id: 2819,
    },
    {
      hash_digest: fakePdq(1).toUpperCase(),
      algorithm: 'PDQ',
      ideology: 'far-right',
      file_type: 'gif',
      deleted: false,
      updated_on: 1704901040.25555,
      created_on: '2025-03-03T23:05:22.587000',
      id: 2821,
    },
    { hash_digest: fakePdq(2), algorithm: 'PDQ', ideology: 'all', file_type: 'png', deleted: true, id: 2822 },
    { hash_digest: 'ab'.repeat(20), algorithm: 'SHA1', ideology: 'all', file_type: 'pdf', deleted: false, id: 2823 },
    { hash_digest: fakePdq(3).slice(2), algorithm: 'PDQ', ideology: 'all', file_type: 'jpg', deleted: false, id: 2824 },
  ],
};

describe('tat: reading', () => {
  it('reads an API page: PDQ and MD5 banked, ideology and file type kept as labels, TAT id as provenance', () => {
    const { entries, outcomes, fatal } = readAll(readTat(defaults), JSON.stringify(PAGE, null, 2));
    expect(fatal).toBeUndefined();
    expect(entries).toEqual([
      {
        signalType: 'md5',
        value: fakeMd5(1),
        note: 'ideology=islamist file_type=mp4',
        source: 'tat-2026-07.json#1 tat:2819',
      },
      {
        signalType: 'pdq',
        value: fakePdq(1),
        note: 'ideology=far-right file_type=gif',
        source: 'tat-2026-07.json#2 tat:2821',
      },
    ]);
    expect(outcomes.slice(2).map((o) => [o.at.n, o.problems.map((p) => ('reason' in p ? p.reason : p.kind))])).toEqual([
      [3, ['deleted']],
      [4, ['unsupported-type']],
      [5, ['rejected']],
    ]);
    expect(outcomes[2]?.problems[0]?.message).toMatch(/TAT lists entry 2822 as deleted, so it is not banked/);
    expect(outcomes[3]?.problems[0]?.message).toMatch(/TAT algorithm "SHA1" has no Rasd signal type/);
  });

  it('reads the same entries from JSON Lines and from a CSV with the TAT column names', () => {
    const jsonl = PAGE.results.map((r) => JSON.stringify(r)).join('\n');
    const csv = [
      TAT_FIELDS.join(','),
      ...PAGE.results.map((r) => TAT_FIELDS.map((f) => String((r as Record<string, unknown>)[f] ?? '')).join(',')),
    ].join('\r\n');
    const fromPage = readAll(readTat(defaults), JSON.stringify(PAGE)).entries.map(meaning);
    expect(readAll(readTat(defaults), jsonl).entries.map(meaning)).toEqual(fromPage);
    const fromCsv = readAll(readTat({ origin: 'tat.csv' }), csv);
    expect(fromCsv.entries.map(meaning)).toEqual(fromPage);
    expect(fromCsv.entries[0]?.source).toBe('tat.csv#2 tat:2819');
    expect(fromCsv.outcomes[2]?.problems[0]).toMatchObject({ reason: 'deleted' });
  });

  it('refuses a CSV without the TAT header, and a deleted flag it cannot read', () => {
    expect(readAll(readTat(defaults), 'hash,type\nx,y\n').fatal?.message).toMatch(/not a TAT hash list header/);
    const odd = readAll(
      readTat(defaults),
      JSON.stringify([{ hash_digest: fakePdq(4), algorithm: 'PDQ', deleted: 'maybe' }]),
    );
    expect(odd.outcomes[0]?.problems[0]?.message).toBe('deleted must be true or false — fix the field');
  });
});

const ENTRIES: ExportableEntry[] = [
  {
    id: 'be_1',
    signalType: 'md5',
    value: fakeMd5(40),
    note: 'ideology=far-right file_type=mp4',
    source: 'tat.json#1 tat:2819',
    addedAt: '2026-04-05T06:07:08.500Z',
  },
  {
    id: 'be_2',
    signalType: 'pdq',
    value: fakePdq(40),
    org: 'example-org',
    category: 'praise',
    note: 'seen in a partner list',
    source: 'bank add',
    addedAt: '2026-04-05T06:07:09.000Z',
  },
  { id: 'be_3', signalType: 'sha256', value: 'a'.repeat(64), source: 'bank add', addedAt: '2026-04-05T06:07:10.000Z' },
];

describe('tat: writing', () => {
  it('writes one API page whose entries have exactly the TAT fields, and says what it could not carry', () => {
    const { text, skipped, lost } = writeAll(writeTat({ bank: 'B', bankEnabled: true, rasdTypes: false }), ENTRIES);
    const page = JSON.parse(text);
    expect(Object.keys(page).sort()).toEqual(['checkpoint', 'count', 'next', 'previous', 'results']);
    expect(page.count).toBe(2);
    for (const entry of page.results) expect(Object.keys(entry).sort()).toEqual([...TAT_FIELDS].sort());
    expect(page.results[0]).toEqual({
      hash_digest: fakeMd5(40),
      algorithm: 'MD5',
      ideology: 'far-right',
      file_type: 'mp4',
      deleted: false,
      updated_on: 1775369228.5,
      created_on: '2026-04-05T06:07:08.500Z',
      id: 2819,
    });
    expect(page.results[1]).toMatchObject({ algorithm: 'PDQ', ideology: null, file_type: null, id: null });
    expect(skipped).toEqual(['the TAT hash list has no sha256 algorithm']);
    expect(lost).toEqual([[], ['org', 'category', 'note']]);
  });

  it('reads back the hashes and labels it writes', () => {
    const { text } = writeAll(writeTat({ bank: 'B', bankEnabled: true, rasdTypes: false }), ENTRIES);
    const { entries } = readAll(readTat({ origin: 'out.json' }), text);
    expect(entries).toEqual([
      {
        signalType: 'md5',
        value: fakeMd5(40),
        note: 'ideology=far-right file_type=mp4',
        source: 'out.json#1 tat:2819',
      },
      { signalType: 'pdq', value: fakePdq(40), source: 'out.json#2' },
    ]);
  });
});
