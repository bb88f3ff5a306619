import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferralRow, RemovalDecision } from '../../core/index.js';
import type { ReferralBatchRecord, ReferralOutcomeRecord } from '../ports.js';
import { PgReferralStore } from './referral-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('referrals');
});
afterAll(() => schemas.drop());

const decision = (n: number, platform = 'telegram'): RemovalDecision => ({
  decisionId: `dec_${n}`,
  decidedAt: `2026-02-0${n}T00:00:00.000Z`,
  platform,
  chat: { id: '-1001', username: 'example_channel' },
  messageId: String(n),
  category: 'praise',
  evidence: { sha256: ['ab'.repeat(32)] },
});

const row = (d: RemovalDecision): ReferralRow => ({
  decisionId: d.decisionId,
  decidedAt: d.decidedAt,
  platform: d.platform,
  itemLink: `https://t.me/example_channel/${d.messageId}`,
  chatId: d.chat.id,
  messageId: d.messageId,
  category: d.category,
  evidence: { sha256: d.evidence.sha256 ?? [], md5: [], pdq: [], textBankEntries: [] },
});

const batchOf = (batchId: string, decisions: RemovalDecision[], windowStart: string): ReferralBatchRecord => ({
  batchId,
  platform: decisions[0]?.platform ?? 'telegram',
  createdAt: '2026-02-10T00:00:00.000Z',
  windowStart,
  windowEnd: '2026-02-10T00:00:00.000Z',
  itemCount: decisions.length,
  items: decisions.map(row),
});

const pendingOf = (batch: ReferralBatchRecord): ReferralOutcomeRecord[] =>
  batch.items.map((item) => ({
    decisionId: item.decisionId,
    itemLink: item.itemLink,
    batchId: batch.batchId,
    referredAt: batch.createdAt,
    status: 'pending',
  }));

describe('PgReferralStore', () => {
  it('queues a decision once, batches it with pending outcomes, and takes it off the queue', async () => {
    const store = new PgReferralStore(await schemas.pool(), () => new Date());
    for (const n of [2, 1, 3]) await store.queueReferral(decision(n), '2026-02-09T00:00:00.000Z');
    await store.queueReferral(decision(1), '2026-02-09T01:00:00.000Z');
    await store.queueReferral(decision(4, 'whatsapp'), '2026-02-09T00:00:00.000Z');
    expect((await store.listQueuedReferrals()).map((d) => d.decisionId)).toEqual(['dec_1', 'dec_2', 'dec_3', 'dec_4']);
    expect((await store.listQueuedReferrals())[0]).toStrictEqual(decision(1));

    const batch = batchOf('rb_1', [decision(1), decision(2)], '2026-02-01T00:00:00.000Z');
    await store.saveReferralBatch(batch, pendingOf(batch));
    // Saved again (a rerun): nothing changes, not even outcomes that moved on meanwhile.
    await store.setReferralOutcome({
      ...(pendingOf(batch)[0] as ReferralOutcomeRecord),
      status: 'removed',
      observedAt: '2026-03-20T00:00:00.000Z',
      source: 'callback',
      timeToRemovalMs: 40 * 24 * 3600 * 1000,
    });
    await store.saveReferralBatch(batch, pendingOf(batch));
    expect((await store.listQueuedReferrals()).map((d) => d.decisionId)).toEqual(['dec_3', 'dec_4']);
    expect(await store.getReferralBatch('rb_1')).toStrictEqual(batch);
    expect(await store.getReferralBatch('rb_none')).toBeUndefined();
    expect(await store.getReferralOutcome('dec_1')).toStrictEqual({
      decisionId: 'dec_1',
      itemLink: 'https://t.me/example_channel/1',
      batchId: 'rb_1',
      referredAt: '2026-02-10T00:00:00.000Z',
      status: 'removed',
      observedAt: '2026-03-20T00:00:00.000Z',
      source: 'callback',
      timeToRemovalMs: 40 * 24 * 3600 * 1000,
    });
    expect(await store.getReferralOutcome('dec_2')).toStrictEqual(pendingOf(batch)[1]);
  });

  it('lists batches newest window first and outcomes by batch, platform or all', async () => {
    const store = new PgReferralStore(await schemas.pool(), () => new Date());
    const older = batchOf('rb_old', [decision(1)], '2026-01-01T00:00:00.000Z');
    const newer = batchOf('rb_new', [decision(2), decision(3)], '2026-02-01T00:00:00.000Z');
    const other = batchOf('rb_wa', [decision(4, 'whatsapp')], '2026-01-15T00:00:00.000Z');
    for (const b of [older, newer, other]) await store.saveReferralBatch(b, pendingOf(b));
    expect((await store.listReferralBatches({})).map((b) => b.batchId)).toEqual(['rb_new', 'rb_wa', 'rb_old']);
    const { items: _items, ...summary } = newer;
    expect((await store.listReferralBatches({ platform: 'telegram' }))[0]).toStrictEqual(summary);
    expect((await store.listReferralOutcomes({ batchId: 'rb_new' })).map((o) => o.decisionId)).toEqual([
      'dec_2',
      'dec_3',
    ]);
    expect((await store.listReferralOutcomes({ platform: 'whatsapp' })).map((o) => o.decisionId)).toEqual(['dec_4']);
    expect(await store.listReferralOutcomes({})).toHaveLength(4);
  });
});
