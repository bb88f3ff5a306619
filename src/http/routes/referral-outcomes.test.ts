import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferralBatches, outcomesForBatch } from '../../actions/index.js';
import { loadConfig } from '../../config/index.js';
import type { ReferralBatch } from '../../core/index.js';
import { createLoggers } from '../../logger.js';
import { generateApiKey } from '../../review/api-keys.js';
import { type RunningServer, startServer } from '../server.js';
import { createSeededContext } from '../testing.js';

/**
 * `POST /api/referrals/:id/outcomes` over real HTTP and a real store: a partner reports what its
 * platform did, time-to-removal is measured, every change is audited, and a partner answers only
 * for its own platform's referrals. Batches are structure-only: links and hashes, no text.
 */

const TOKEN = 'outcomes-test-token-0123456789';
const CREATED = '2026-02-01T10:00:00.000Z';
let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
const keys: Record<string, string> = {};
let telegram: ReferralBatch;
let other: ReferralBatch;

function batchOf(platform: string, count: number): ReferralBatch {
  const decisions = Array.from({ length: count }, (_, i) => ({
    decisionId: `case_${platform}_${i}@2026-02-01T09:00:00.000Z`,
    decidedAt: '2026-02-01T09:00:00.000Z',
    platform,
    chat: { id: '-1001', username: 'synthetic_demo' },
    messageId: String(i + 1),
    category: 'test',
    evidence: { sha256: ['b'.repeat(64)] },
  }));
  const [batch] = buildReferralBatches(decisions, { now: () => Date.parse(CREATED) });
  if (batch === undefined) throw new Error('no batch');
  return batch;
}

beforeAll(async () => {
  seeded = await createSeededContext({ setup: { loadConfig, createLoggers }, apiToken: TOKEN });
  const store = seeded.ctx.store;
  const people = [
    ['analyst', 'analyst', undefined],
    ['telegram', 'partner', ['telegram']],
    ['nobody', 'partner', undefined],
  ] as const;
  for (const [name, role, partner] of people) {
    const secret = generateApiKey();
    await store.createApiKey({
      id: secret.id,
      name,
      role,
      keyHash: secret.keyHash,
      ...(partner !== undefined && { partner: [...partner] }),
    });
    keys[name] = secret.key;
  }
  telegram = batchOf('telegram', 3);
  other = batchOf('whatsapp', 1);
  for (const batch of [telegram, other]) await store.saveReferralBatch(batch, outcomesForBatch(batch));
  server = await startServer(seeded.ctx, { port: 0, limits: { apiRate: { capacity: 1000, perSecond: 100 } } });
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
});

function report(key: string, batchId: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/referrals/${encodeURIComponent(batchId)}/outcomes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const item = (n: number) => telegram.items[n] as ReferralBatch['items'][number];
const outcomeAudit = async () =>
  (await seeded.ctx.store.listAudit({ limit: 500 })).rows.filter((e) => e.action === 'referral.outcome');

describe('POST /api/referrals/:id/outcomes', () => {
  it('lets the partner of the platform report, measures time to removal and audits each change', async () => {
    const removedAt = '2026-02-01T11:30:00.000Z';
    const response = await report(keys.telegram as string, telegram.batchId, {
      items: [
        { itemKey: item(0).decisionId, status: 'removed', at: removedAt, note: 'taken down' },
        { itemKey: item(1).itemLink, status: 'refused' },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { batchId: string; outcomes: Record<string, unknown>[] };
    expect(body.batchId).toBe(telegram.batchId);
    const byId = Object.fromEntries(body.outcomes.map((o) => [o.decisionId, o]));
    expect(byId[item(0).decisionId]).toMatchObject({
      status: 'removed',
      source: 'callback',
      observedAt: removedAt,
      timeToRemovalMs: 90 * 60_000,
    });
    expect(byId[item(1).decisionId]).toMatchObject({ status: 'refused', source: 'callback' });
    expect(byId[item(2).decisionId]).toMatchObject({ status: 'pending' });

    const entries = await outcomeAudit();
    expect(entries.map((e) => [e.target, e.details.to])).toEqual([
      [item(0).decisionId, 'removed'],
      [item(1).decisionId, 'refused'],
    ]);
    expect(entries[0]).toMatchObject({
      actor: expect.stringMatching(/^key:/),
      reason: 'taken down',
      details: { batchId: telegram.batchId, platform: 'telegram', from: 'pending', timeToRemovalMs: 90 * 60_000 },
    });

    // A removal is final: a later report leaves it, and nothing new is audited for it.
    const again = await report(keys.telegram as string, telegram.batchId, {
      items: [{ itemKey: item(0).decisionId, status: 'refused' }],
    });
    expect(again.status).toBe(200);
    expect(await seeded.ctx.store.getReferralOutcome(item(0).decisionId)).toMatchObject({ status: 'removed' });
    expect(await outcomeAudit()).toHaveLength(2);
  });

  it('records the channel as closed when the platform says it closed the whole channel', async () => {
    const closedAt = '2026-02-01T12:00:00.000Z';
    const response = await report(keys.telegram as string, telegram.batchId, {
      items: [{ itemKey: item(2).decisionId, status: 'removed', at: closedAt, channelClosed: true }],
    });
    expect(response.status).toBe(200);
    const { rows } = await seeded.ctx.store.listClosures({ limit: 10 });
    expect(rows).toEqual([
      expect.objectContaining({ platform: 'telegram', chatRef: item(2).chatId, closedAt, source: 'outcome' }),
    ]);
    const closed = seeded.ctx.network.graph.closed().map((node) => node.id);
    expect(closed).toContain(`chat:${item(2).chatId}`);
    const audit = (await seeded.ctx.store.listAudit({ limit: 500 })).rows.filter((e) => e.action === 'channel.close');
    expect(audit).toHaveLength(1);
  });

  it('answers 404 for an unknown referral and for another platform, as on GET', async () => {
    const body = { items: [{ itemKey: 'x', status: 'removed' }] };
    expect((await report(keys.telegram as string, 'ref_none', body)).status).toBe(404);
    const foreign = await report(keys.telegram as string, other.batchId, {
      items: [{ itemKey: other.items[0]?.decisionId, status: 'removed' }],
    });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ pointer: '/params/id' });
    expect((await report(keys.nobody as string, telegram.batchId, body)).status).toBe(404);
    // Staff are not scoped.
    const staff = await report(keys.analyst as string, other.batchId, {
      items: [{ itemKey: other.items[0]?.decisionId, status: 'unknown' }],
    });
    expect(staff.status).toBe(200);
  });

  it('answers 400 with a pointer for a bad body, and writes nothing of it', async () => {
    const before = await seeded.ctx.store.listReferralOutcomes({ batchId: telegram.batchId });
    const cases: [unknown, string][] = [
      [{}, '/body/items'],
      [{ items: [] }, '/body/items'],
      [{ items: [{ itemKey: item(2).decisionId, status: 'gone' }] }, '/body/items/0/status'],
      [{ items: [{ itemKey: item(2).decisionId, status: 'removed', at: 'yesterday' }] }, '/body/items/0/at'],
      [{ items: [{ itemKey: item(2).decisionId, status: 'removed', extra: 1 }] }, '/body/items/0'],
      [
        {
          items: [
            { itemKey: item(2).decisionId, status: 'removed' },
            { itemKey: 'https://t.me/synthetic_demo/999', status: 'removed' },
          ],
        },
        '/body/items/1/itemKey',
      ],
      [{ items: [{ itemKey: item(2).decisionId, status: 'removed', at: '2999-01-01T00:00:00Z' }] }, '/body/items/0/at'],
    ];
    for (const [body, pointer] of cases) {
      const response = await report(keys.telegram as string, telegram.batchId, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json(), JSON.stringify(body)).toMatchObject({ code: 'INPUT_INVALID', pointer });
    }
    expect(await seeded.ctx.store.listReferralOutcomes({ batchId: telegram.batchId })).toEqual(before);
  });

  it('refuses a reviewer (role table) and a caller without credentials', async () => {
    const body = { items: [{ itemKey: item(2).decisionId, status: 'removed' }] };
    const reviewer = generateApiKey();
    await seeded.ctx.store.createApiKey({ id: reviewer.id, name: 'rev', role: 'reviewer', keyHash: reviewer.keyHash });
    expect((await report(reviewer.key, telegram.batchId, body)).status).toBe(403);
    const anonymous = await fetch(`${server.url}/api/referrals/${telegram.batchId}/outcomes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(anonymous.status).toBe(401);
  });
});
