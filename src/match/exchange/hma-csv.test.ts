import { describe, expect, it } from 'vitest';
import { EN } from '../fixtures/texts.js';
import { defaultTextBankNormalize, signForBank } from '../index.js';
import type { ExportableEntry } from './exchange-record.js';
import { fakeMd5, fakePdq, fakeSha256 } from './fixtures/fake-hashes.js';
import { meaning, readAll, writeAll } from './fixtures/read-all.js';
import { readHmaCsv, writeHmaCsv } from './hma-csv.js';

const defaults = { origin: 'collab.csv' };

/** As `threatexchange dataset -P --csv` prints it (csv.DictWriter: CRLF, header first). */
const PYTX_CSV = [
  'signal_type,signal_str,collab,category,tags',
  `pdq,${fakePdq(1)},Sample Signals,POSITIVE_CLASS,media_type_photo disputed`,
  `video_md5,${fakeMd5(1).toUpperCase()},Sample Signals,INVESTIGATION_SEED,`,
  'url,https://example.org/landing,Sample Signals,POSITIVE_CLASS,',
  `video_sha256,${fakeSha256(1)},Other Collab,,`,
  '',
].join('\r\n');

describe('hma-csv: reading', () => {
  it('reads the pytx dataset CSV into entries with provenance and the pytx labels', () => {
    const { entries, fatal, outcomes } = readAll(readHmaCsv(defaults), PYTX_CSV);
    expect(fatal).toBeUndefined();
    expect(outcomes.flatMap((o) => o.problems)).toEqual([]);
    expect(entries).toEqual([
      {
        signalType: 'pdq',
        value: fakePdq(1),
        note: 'tags=media_type_photo,disputed',
        source: 'collab.csv#2 collab:Sample_Signals',
      },
      {
        signalType: 'md5',
        value: fakeMd5(1),
        note: 'opinion=INVESTIGATION_SEED',
        source: 'collab.csv#3 collab:Sample_Signals',
      },
      { signalType: 'url', value: 'https://example.org/landing', source: 'collab.csv#4 collab:Sample_Signals' },
      { signalType: 'sha256', value: fakeSha256(1), source: 'collab.csv#5 collab:Other_Collab' },
    ]);
  });

  it('reports bad rows by line, skips what is not banked, and reads the good rows around them', () => {
    const csv = [
      'signal_type,signal_str,collab,category,tags',
      `pdq,${fakePdq(2).slice(0, 63)},c,POSITIVE_CLASS,`,
      'raw_text,some words,c,POSITIVE_CLASS,',
      `pdq,${fakePdq(3)},c,NEGATIVE_CLASS,`,
      `pdq,${fakePdq(4)},c,MAYBE,`,
      `,${fakePdq(5)},c,,`,
      `pdq,${fakePdq(6)},c,POSITIVE_CLASS,`,
    ].join('\n');
    const { outcomes, entries } = readAll(readHmaCsv({ ...defaults, org: 'example-org', category: 'branded' }), csv);
    expect(entries).toEqual([
      {
        signalType: 'pdq',
        value: fakePdq(6),
        org: 'example-org',
        category: 'branded',
        source: 'collab.csv#7 collab:c',
      },
    ]);
    const problems = outcomes.flatMap((o) => o.problems.map((p) => [o.at.n, p.kind, 'reason' in p ? p.reason : '']));
    expect(problems).toEqual([
      [2, 'rejected', ''],
      [3, 'skipped', 'unsupported-type'],
      [4, 'skipped', 'not-positive'],
      [5, 'rejected', ''],
      [6, 'rejected', ''],
    ]);
    const messages = outcomes.flatMap((o) => o.problems.map((p) => p.message));
    expect(messages[0]).toBe(
      'a PDQ hash is 256 bits: 64 hexadecimal characters; got 63 characters — fix the value or remove the row',
    );
    expect(messages[3]).toMatch(/"MAYBE" is not a pytx opinion .*rasd_category/);
    expect(messages[4]).toMatch(/signal_type is empty/);
  });

  it("checks Rasd's own columns too", () => {
    const csv = `signal_type,signal_str,collab,category,tags,org,rasd_category\npdq,${fakePdq(7)},c,,,x,not-a-category\n`;
    const { outcomes } = readAll(readHmaCsv(defaults), csv);
    expect(outcomes[0]?.problems[0]?.message).toMatch(/category "not-a-category" is not a Rasd category/);
  });

  it('needs the header, or the signal type for a headerless file', () => {
    const bare = `${fakePdq(8)}\n${fakePdq(9)}\n`;
    const { fatal, entries } = readAll(readHmaCsv(defaults), bare);
    expect(entries).toEqual([]);
    expect(fatal).toEqual({ line: 1, message: expect.stringMatching(/not the hma-csv header .*--type/) });
    const typed = readAll(readHmaCsv({ ...defaults, signalType: 'pdq' }), `pdq\n${bare}`);
    expect(typed.entries.map((e) => [e.value, e.source])).toEqual([
      [fakePdq(8), 'collab.csv#2'],
      [fakePdq(9), 'collab.csv#3'],
    ]);
  });

  it('reads HMA 1.0 .te data files (hash, indicator_id, descriptor_id, timestamp, tags)', () => {
    const te = [
      `${fakePdq(10)},99244958314735,00000000000000,2021-05-07T18:07:52+0000,test_samples media_type_photo`,
      `${fakeMd5(10)},14230237532781,00000000000000,2021-05-07T18:07:52+0000,`,
    ].join('\n');
    const { entries, outcomes } = readAll(readHmaCsv({ origin: '1234.hash_pdq.te', signalType: 'pdq' }), te);
    expect(entries).toEqual([
      {
        signalType: 'pdq',
        value: fakePdq(10),
        note: 'tags=test_samples,media_type_photo',
        source: '1234.hash_pdq.te#1 threatexchange:indicator/99244958314735',
      },
    ]);
    expect(outcomes[1]?.problems[0]?.message).toMatch(/^a PDQ hash is 256 bits.*got 32 characters/);
  });
});

const signed = signForBank(EN.weatherA, defaultTextBankNormalize);
const SIGNATURE = 'value' in signed ? signed.value : '';

const ENTRIES: ExportableEntry[] = [
  {
    id: 'be_1',
    signalType: 'pdq',
    value: fakePdq(20),
    org: 'example-org',
    category: 'praise',
    note: 'tags=media_type_photo,disputed first seen, then "reposted"',
    source: 'partner.csv#12 collab:Sample',
    addedAt: '2026-01-02T03:04:05.000Z',
  },
  {
    id: 'be_2',
    signalType: 'md5',
    value: fakeMd5(20),
    note: 'opinion=INVESTIGATION_SEED',
    source: 'bank add',
    addedAt: '2026-01-02T03:04:06.000Z',
  },
  {
    id: 'be_3',
    signalType: 'text-minhash',
    value: SIGNATURE,
    source: 'rows.jsonl#1',
    addedAt: '2026-01-02T03:04:07.000Z',
  },
];

describe('hma-csv: writing', () => {
  it('writes the pytx columns first, then Rasd columns, and leaves out types HMA lacks', () => {
    const { text, skipped } = writeAll(
      writeHmaCsv({ bank: 'TVEC_MEDIA', bankEnabled: true, rasdTypes: false }),
      ENTRIES,
    );
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('signal_type,signal_str,collab,category,tags,note,org,rasd_category,source,added_at');
    expect(lines[1]).toBe(
      `pdq,${fakePdq(20)},TVEC_MEDIA,POSITIVE_CLASS,media_type_photo disputed,"tags=media_type_photo,disputed first seen, then ""reposted""",example-org,praise,partner.csv#12 collab:Sample,2026-01-02T03:04:05.000Z`,
    );
    expect(lines[2]).toMatch(/^video_md5,[0-9a-f]{32},TVEC_MEDIA,INVESTIGATION_SEED,,/);
    expect(lines).toHaveLength(4);
    expect(skipped).toEqual(['HMA has no text-minhash signal type']);
  });

  it('reads back what it writes: same entries, provenance pointing at where they came from', () => {
    const { text } = writeAll(writeHmaCsv({ bank: 'B', bankEnabled: true, rasdTypes: true }), ENTRIES);
    const { entries } = readAll(readHmaCsv({ origin: 'export.csv' }), text);
    expect(entries.map(meaning)).toEqual(ENTRIES.map(({ id: _id, addedAt: _at, ...e }) => meaning(e)));
    expect(entries.map((e) => e.source)).toEqual([
      'export.csv#2 collab:B from partner.csv#12 collab:Sample',
      'export.csv#3 collab:B from bank add',
      'export.csv#4 collab:B from rows.jsonl#1',
    ]);
  });
});
