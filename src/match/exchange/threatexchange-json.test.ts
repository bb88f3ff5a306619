import { describe, expect, it } from 'vitest';
import type { ExportableEntry } from './exchange-record.js';
import { fakeMd5, fakePdq } from './fixtures/fake-hashes.js';
import { meaning, readAll, writeAll } from './fixtures/read-all.js';
import { readThreatExchange, teTime, writeThreatExchange } from './threatexchange-json.js';

const defaults = { origin: 'te.jsonl' };

/** The shape te-tag-query's ids-to-details prints (ids and hash made up). */
const DESCRIPTOR = {
  raw_indicator: fakeMd5(1),
  type: 'HASH_MD5',
  added_on: '2020-06-03T01:38:01+0000',
  last_updated: '2020-06-03T01:38:02+0000',
  confidence: 100,
  owner: { id: '494491891138576', email: 'someone@example.org', name: 'Example App' },
  privacy_type: 'HAS_PRIVACY_GROUP',
  review_status: 'REVIEWED_AUTOMATICALLY',
  status: 'MALICIOUS',
  severity: 'WARNING',
  share_level: 'AMBER',
  description: 'our copies',
  id: '3046896738736542',
  tags: null,
};

describe('threatexchange: reading', () => {
  it('reads descriptors, with the descriptor and owner ids as provenance', () => {
    const { entries, fatal } = readAll(readThreatExchange(defaults), `${JSON.stringify(DESCRIPTOR)}\n`);
    expect(fatal).toBeUndefined();
    expect(entries).toEqual([
      {
        signalType: 'md5',
        value: fakeMd5(1),
        note: 'our copies',
        source: 'te.jsonl#1 threatexchange:descriptor/3046896738736542 owner=494491891138576',
      },
    ]);
  });

  it('reads a Graph API page, tags in either form, and a status other than MALICIOUS as a label', () => {
    const page = {
      data: [
        {
          ...DESCRIPTOR,
          id: '1',
          type: 'HASH_PDQ',
          raw_indicator: fakePdq(1),
          tags: { data: [{ id: '9', text: 'media_type_photo' }] },
        },
        {
          ...DESCRIPTOR,
          id: '2',
          type: 'HASH_PDQ',
          raw_indicator: fakePdq(2),
          tags: ['a tag', 'b'],
          status: 'SUSPICIOUS',
          description: undefined,
        },
      ],
      paging: { cursors: { before: 'x', after: 'y' } },
    };
    const { entries } = readAll(readThreatExchange(defaults), JSON.stringify(page));
    expect(entries.map((e) => [e.value, e.note])).toEqual([
      [fakePdq(1), 'tags=media_type_photo our copies'],
      [fakePdq(2), 'status=SUSPICIOUS tags=a_tag,b'],
    ]);
  });

  it('reads threat updates, and reports deletions and NON_MALICIOUS opinions instead of banking them', () => {
    const update = (id: string, extra: object) => ({
      id,
      indicator: fakePdq(id),
      type: 'HASH_PDQ',
      last_updated: 1_700_000_000,
      should_delete: false,
      descriptors: { data: [{ id: `d${id}`, owner: { id: '1' }, status: 'MALICIOUS', tags: ['t1'], added_on: 'x' }] },
      ...extra,
    });
    const lines = [
      update('11', {}),
      update('12', { should_delete: true }),
      update('13', { descriptors: { data: [{ status: 'NON_MALICIOUS', tags: [] }] } }),
      update('14', { type: 'HASH_SHA1' }),
      { id: '15', type: 'HASH_PDQ' },
    ].map((l) => JSON.stringify(l));
    const { entries, outcomes } = readAll(readThreatExchange(defaults), lines.join('\n'));
    expect(entries).toEqual([
      { signalType: 'pdq', value: fakePdq('11'), note: 'tags=t1', source: 'te.jsonl#1 threatexchange:indicator/11' },
    ]);
    expect(outcomes.map((o) => o.problems.map((p) => ('reason' in p ? p.reason : p.kind)))).toEqual([
      [],
      ['deleted'],
      ['not-positive'],
      ['unsupported-type'],
      ['rejected'],
    ]);
    expect(outcomes[1]?.problems[0]?.message).toBe(
      'ThreatExchange marks indicator 12 should_delete, so it is not banked',
    );
  });
});

const ENTRIES: ExportableEntry[] = [
  {
    id: 'be_1',
    signalType: 'pdq',
    value: fakePdq(30),
    org: 'example-org',
    category: 'recruitment',
    note: 'status=SUSPICIOUS tags=x,y checked',
    source: 'te.jsonl#4 threatexchange:descriptor/77',
    addedAt: '2026-03-04T05:06:07.890Z',
  },
  {
    id: 'be_2',
    signalType: 'url',
    value: 'https://example.org/p',
    source: 'bank add',
    addedAt: '2026-03-04T05:06:08.000Z',
  },
  { id: 'be_3', signalType: 'vpdq', value: '{"0": {}}', source: 'bank add', addedAt: '2026-03-04T05:06:09.000Z' },
];

describe('threatexchange: writing', () => {
  it('writes ThreatDescriptor-shaped lines with TE indicator types and time format', () => {
    const { text, skipped } = writeAll(
      writeThreatExchange({ bank: 'B', bankEnabled: true, rasdTypes: false }),
      ENTRIES,
    );
    const [first, second] = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first).toEqual({
      raw_indicator: fakePdq(30),
      type: 'HASH_PDQ',
      status: 'SUSPICIOUS',
      added_on: '2026-03-04T05:06:07+0000',
      tags: ['x', 'y'],
      description: 'status=SUSPICIOUS tags=x,y checked',
      rasd: { entry: 'be_1', bank: 'B', org: 'example-org', category: 'recruitment', source: ENTRIES[0]?.source },
    });
    expect(second).toMatchObject({ type: 'URI', status: 'MALICIOUS', tags: null });
    expect(skipped).toEqual(['ThreatExchange has no indicator type for vpdq']);
    expect(teTime('2026-03-04T05:06:07.890Z')).toBe('2026-03-04T05:06:07+0000');
  });

  it('reads back what it writes', () => {
    const { text } = writeAll(writeThreatExchange({ bank: 'B', bankEnabled: true, rasdTypes: true }), ENTRIES);
    const { entries } = readAll(readThreatExchange({ origin: 'out.jsonl' }), text);
    expect(entries.map(meaning)).toEqual(ENTRIES.map(({ id: _id, addedAt: _at, ...e }) => meaning(e)));
    expect(entries[0]?.source).toBe('out.jsonl#1 from te.jsonl#4 threatexchange:descriptor/77');
  });
});
