import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDueBatches, buildReferralBatches, outcomesForBatch, recordOutcome } from '../actions/index.js';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { generateApiKey } from '../review/api-keys.js';
import { hashPassword } from '../review/passwords.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext } from './testing.js';

/**
 * Referrals end to end: a reviewer's `remove` decision over HTTP is queued, `build` saves it in
 * its platform's batch, an outcome moves the summary, and a partner sees only its own batches.
 */

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';
const setup = { loadConfig, createLoggers };

let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
let partnerKey: string;

beforeAll(async () => {
  seeded = await createSeededContext({ setup });
  const store = seeded.ctx.store;
  const passwordHash = await hashPassword(PASSWORD, FAST);
  await store.createUser({ name: 'rita', role: 'reviewer', passwordHash });
  await store.createUser({ name: 'ana', role: 'analyst', passwordHash });
  // Partners are scoped by the platforms they name, whatever they are called (http/routes/referrals.ts).
  await store.createUser({ name: 'tg-desk', role: 'partner', passwordHash, partner: ['telegram'] });
  await store.createUser({ name: 'both', role: 'partner', passwordHash, partner: ['x', 'telegram'] });
  await store.createUser({ name: 'other', role: 'partner', passwordHash, partner: ['example-app'] });
  // A partner naming no platform (a key made before partners had them) sees nothing.
  await store.createUser({ name: 'telegram', role: 'partner', passwordHash });
  const secret = generateApiKey();
  await store.createApiKey({ id: secret.id, name: 'ngo', role: 'partner', keyHash: secret.keyHash, partner: ['x'] });
  partnerKey = secret.key;
  server = await startServer(seeded.ctx, { port: 0, limits: { apiRate: { capacity: 1000, perSecond: 100 } } });
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
});

const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
  call(path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function login(username: string): Promise<Record<string, string>> {
  const response = await post('/api/login', {}, { username, password: PASSWORD });
  expect(response.status).toBe(200);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] as string };
}

interface Listing {
  rows: { batchId: string; platform: string; itemCount: number }[];
  summary: { total: number; byStatus: Record<string, number>; timeToRemoval: { medianMs: number } | null };
}

describe('referrals', () => {
  it('queues a removal, builds its batch, tracks the outcome and scopes partners', async () => {
    const store = seeded.ctx.store;
    const rita = await login('rita');
    const open = await store.listReviewCases({ limit: 100 });
    const target = open.rows.find((c) => c.itemKey === 'telegram/-1001/3/0');
    const caseId = target?.caseId as string;
    expect((await post(`/api/cases/${caseId}/claim`, rita)).status).toBe(200);
    const decided = await post(`/api/cases/${caseId}/decision`, rita, { outcome: 'remove', category: 'praise' });
    expect(decided.status).toBe(200);
    const queued = await store.listQueuedReferrals();
    expect(queued).toMatchObject([{ platform: 'telegram', chat: { id: '-1001' }, messageId: '3', category: 'praise' }]);

    // The window is still open: nothing is due yet, the decision stays queued.
    const decidedAt = Date.parse(queued[0]?.decidedAt as string);
    expect(await buildDueBatches(store, { intervalMs: 3_600_000, now: new Date(decidedAt) })).toEqual([]);
    const later = new Date(decidedAt + 2 * 3_600_000);
    const [batch] = await buildDueBatches(store, { intervalMs: 3_600_000, now: later });
    expect(batch).toMatchObject({ platform: 'telegram', itemCount: 1 });
    expect(await store.listQueuedReferrals()).toEqual([]);
    expect(await buildDueBatches(store, { intervalMs: 3_600_000, now: later })).toEqual([]);

    // A batch of another platform, which the telegram partner must not see.
    const [foreign] = buildReferralBatches([
      {
        decisionId: 'd-x',
        decidedAt: '2024-01-01T00:10:00.000Z',
        platform: 'x',
        chat: { id: 'c' },
        messageId: '1',
        category: 'praise',
        evidence: {},
      },
    ]);
    if (foreign === undefined) throw new Error('no batch');
    await store.saveReferralBatch(foreign, outcomesForBatch(foreign));

    const ana = await login('ana');
    const before = (await (await call('/api/referrals', { headers: ana })).json()) as Listing;
    expect(before.rows.map((r) => r.platform).sort()).toEqual(['telegram', 'x']);
    expect(before.summary).toMatchObject({ total: 2, byStatus: { pending: 2 }, timeToRemoval: null });

    const decisionId = batch?.items[0]?.decisionId as string;
    const observedAt = new Date(Date.parse(batch?.createdAt as string) + 90 * 60_000).toISOString();
    await recordOutcome(store, decisionId, { status: 'removed', observedAt, source: 'callback' });
    // `removed` is final: a later inconclusive re-check does not undo it.
    await recordOutcome(store, decisionId, { status: 'unknown', observedAt: later.toISOString(), source: 'recheck' });
    const after = (await (await call('/api/referrals', { headers: ana })).json()) as Listing;
    expect(after.summary).toMatchObject({
      total: 2,
      byStatus: { pending: 1, removed: 1 },
      timeToRemoval: { count: 1, medianMs: 90 * 60_000 },
    });

    const partner = await login('tg-desk');
    const own = (await (await call('/api/referrals', { headers: partner })).json()) as Listing;
    expect(own.rows.map((r) => r.batchId)).toEqual([batch?.batchId]);
    expect(own.summary.total).toBe(1);
    const detail = await call(`/api/referrals/${batch?.batchId}`, { headers: partner });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      batchId: batch?.batchId,
      outcomes: [{ decisionId, status: 'removed' }],
    });
    expect((await call(`/api/referrals/${foreign.batchId}`, { headers: partner })).status).toBe(404);

    // A partner of two platforms sees both, newest window first; a key is scoped like a user.
    const both = (await (await call('/api/referrals', { headers: await login('both') })).json()) as Listing;
    expect(both.rows.map((r) => r.batchId)).toEqual([batch?.batchId, foreign.batchId]);
    expect(both.summary.total).toBe(2);
    const key = { authorization: `Bearer ${partnerKey}` };
    expect(((await (await call('/api/referrals', { headers: key })).json()) as Listing).rows).toMatchObject([
      { platform: 'x' },
    ]);
    expect((await call(`/api/referrals/${foreign.batchId}`, { headers: key })).status).toBe(200);
    expect((await call(`/api/referrals/${batch?.batchId}`, { headers: key })).status).toBe(404);

    const stranger = await login('other');
    expect(((await (await call('/api/referrals', { headers: stranger })).json()) as Listing).rows).toEqual([]);
    // Named like a platform but naming none: the name no longer grants a scope.
    const named = await login('telegram');
    expect(((await (await call('/api/referrals', { headers: named })).json()) as Listing).rows).toEqual([]);
    expect((await call(`/api/referrals/${batch?.batchId}`, { headers: named })).status).toBe(404);
    expect((await call('/api/referrals', { headers: rita })).status).toBe(403);
    expect((await call(`/api/referrals/${batch?.batchId}`, { headers: rita })).status).toBe(403);
  });
});
