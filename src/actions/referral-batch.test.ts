import { describe, expect, it } from 'vitest';
import { csvCell } from '../core/index.js';
import {
  buildReferralBatches,
  itemLink,
  REFERRAL_CSV_COLUMNS,
  type RemovalDecision,
  referralBatchToCsv,
  referralBatchToJson,
} from './referral-batch.js';

const decision = (over: Partial<RemovalDecision>): RemovalDecision => ({
  decisionId: 'dec_1',
  decidedAt: '2026-01-10T12:05:00Z',
  platform: 'telegram',
  chat: { id: '-1001234567890', username: 'synthetic_channel' },
  messageId: '42',
  category: 'branded',
  organisation: 'ORG_SYNTHETIC',
  evidence: { sha256: ['a'.repeat(64)], pdq: ['f'.repeat(64)], textBankEntries: ['TEXT_BANK/7'] },
  ...over,
});
const now = () => Date.parse('2026-01-10T14:00:00Z');

describe('itemLink', () => {
  it('builds public, private-channel and non-Telegram links', () => {
    expect(itemLink('telegram', { id: '-1001', username: '@chan' }, '5')).toBe('https://t.me/chan/5');
    expect(itemLink('telegram', { id: '-1009876' }, '5')).toBe('https://t.me/c/9876/5');
    expect(itemLink('jsonl', { id: 'room 1' }, '5')).toBe('rasd:jsonl/room%201/5');
  });

  it('gives t.me/c only to channels and supergroups (or an unknown type); basic groups and private chats get none', () => {
    expect(itemLink('telegram', { id: '9876', type: 'channel' }, '5')).toBe('https://t.me/c/9876/5');
    expect(itemLink('telegram', { id: '9876', type: 'supergroup' }, '5')).toBe('https://t.me/c/9876/5');
    expect(itemLink('telegram', { id: '9876', type: 'unknown' }, '5')).toBe('https://t.me/c/9876/5');
    expect(itemLink('telegram', { id: '4321', type: 'group' }, '5')).toBe('rasd:telegram/4321/5');
    expect(itemLink('telegram', { id: '4321', type: 'private' }, '5')).toBe('rasd:telegram/4321/5');
    expect(itemLink('telegram', { id: '4321', username: 'pub', type: 'group' }, '5')).toBe('https://t.me/pub/5');
  });
});

describe('buildReferralBatches', () => {
  it('groups by platform and hourly window, dedups decisions, orders items by time', () => {
    const batches = buildReferralBatches(
      [
        decision({ decisionId: 'dec_2', decidedAt: '2026-01-10T12:50:00Z' }),
        decision({ decisionId: 'dec_1', decidedAt: '2026-01-10T12:05:00Z' }),
        decision({ decisionId: 'dec_1', decidedAt: '2026-01-10T12:05:00Z' }),
        decision({ decisionId: 'dec_3', decidedAt: '2026-01-10T13:00:00Z' }),
        decision({ decisionId: 'dec_4', platform: 'jsonl', decidedAt: '2026-01-10T12:10:00Z' }),
      ],
      { now },
    );
    expect(batches.map((b) => [b.platform, b.windowStart, b.itemCount])).toEqual([
      ['jsonl', '2026-01-10T12:00:00.000Z', 1],
      ['telegram', '2026-01-10T12:00:00.000Z', 2],
      ['telegram', '2026-01-10T13:00:00.000Z', 1],
    ]);
    const first = batches[1]!;
    expect(first.items.map((i) => i.decisionId)).toEqual(['dec_1', 'dec_2']);
    expect(first.windowEnd).toBe('2026-01-10T13:00:00.000Z');
    expect(first.createdAt).toBe('2026-01-10T14:00:00.000Z');
    expect(first.batchId).toMatch(/^ref_telegram_20260110T1200_[0-9a-f]{8}$/);
    expect(first.items[0]?.itemLink).toBe('https://t.me/synthetic_channel/42');
    expect(first.items[0]?.evidence.md5).toEqual([]);
  });

  it('honours a custom interval and gives a stable id for the same contents', () => {
    const input = [
      decision({ decisionId: 'a', decidedAt: '2026-01-10T12:05:00Z' }),
      decision({ decisionId: 'b', decidedAt: '2026-01-10T12:20:00Z' }),
    ];
    const quarter = buildReferralBatches(input, { intervalMs: 15 * 60_000, now });
    expect(quarter).toHaveLength(2);
    const again = buildReferralBatches([...input].reverse(), { now });
    expect(again[0]?.batchId).toBe(buildReferralBatches(input, { now })[0]?.batchId);
    const more = buildReferralBatches([...input, decision({ decisionId: 'c' })], { now });
    expect(more[0]?.batchId).not.toBe(again[0]?.batchId);
  });

  it('rejects a bad date with its position and a bad interval', () => {
    expect(() => buildReferralBatches([decision({}), decision({ decidedAt: 'yesterday' })])).toThrow(/decidedAt/);
    expect(() => buildReferralBatches([], { intervalMs: 0 })).toThrow(/intervalMs/);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
  });

  it('guards formula starts but leaves plain numbers alone', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1001234567890')).toBe('-1001234567890');
  });

  it('writes one header and one CRLF row per item with guarded cells', () => {
    const [batch] = buildReferralBatches(
      [decision({ organisation: '=cmd|calc', evidence: { textBankEntries: ['B/1', 'B/2'] } })],
      { now },
    );
    const csv = referralBatchToCsv(batch!);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(REFERRAL_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toContain(",'=cmd|calc,");
    expect(lines[1]).toContain(',-1001234567890,42,branded,');
    expect(lines[1]?.endsWith(',,,,B/1;B/2')).toBe(true);
  });

  it('JSON carries batch id, created at and item count', () => {
    const [batch] = buildReferralBatches([decision({})], { now });
    const parsed = JSON.parse(referralBatchToJson(batch!));
    expect(parsed).toMatchObject({ batchId: batch!.batchId, createdAt: '2026-01-10T14:00:00.000Z', itemCount: 1 });
    expect(parsed.items[0].evidence.sha256).toEqual(['a'.repeat(64)]);
  });
});
