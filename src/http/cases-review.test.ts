import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { newId } from '../core/index.js';
import { createLoggers } from '../logger.js';
import { generateApiKey } from '../review/api-keys.js';
import { verifyAuditLog } from '../review/audit-log.js';
import { enrolBatch } from '../review/cases/index.js';
import { hashPassword } from '../review/passwords.js';
import { scanSources } from '../scan/index.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext, readProblem, SEED_ITEMS } from './testing.js';

/**
 * The review room end to end: a real scan enrols its `review` case into the queues (once, however
 * often the source is rescanned), then reviewers log in and work it over real HTTP against the
 * SQLite store, and every claim, decision and appeal lands in a chain that still verifies.
 */

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';
const setup = { loadConfig, createLoggers };

let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
let keys: Record<'analyst' | 'partner', string>;
let caseId: string;
let queue: string;

beforeAll(async () => {
  seeded = await createSeededContext({ setup });
  const store = seeded.ctx.store;
  for (const name of ['rita', 'rami']) {
    await store.createUser({ name, role: 'reviewer', passwordHash: await hashPassword(PASSWORD, FAST) });
  }
  keys = { analyst: '', partner: '' };
  for (const role of ['analyst', 'partner'] as const) {
    const secret = generateApiKey();
    await store.createApiKey({ id: secret.id, name: role, role, keyHash: secret.keyHash });
    keys[role] = secret.key;
  }
  server = await startServer(seeded.ctx, { port: 0, limits: { apiRate: { capacity: 1000, perSecond: 100 } } });
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
});

const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
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

describe('enrolment from a scan', () => {
  it('queues the review case of a real scan, and a rescan does not queue it twice', async () => {
    const store = seeded.ctx.store;
    const queued = await store.listReviewCases({ limit: 100 });
    const marker = queued.rows.filter((c) => c.itemKey === 'telegram/-1001/3/0');
    expect(marker).toHaveLength(1);
    const first = marker[0];
    expect(first).toMatchObject({ status: 'open', category: 'praise', queue: expect.stringMatching(/^praise\//) });
    caseId = first?.caseId as string;
    queue = first?.queue as string;

    const dir = await mkdtemp(join(tmpdir(), 'rasd-rescan-'));
    try {
      const path = join(dir, 'items.jsonl');
      await writeFile(path, `${SEED_ITEMS.map((i) => JSON.stringify(i)).join('\n')}\n`);
      await scanSources({
        sources: [seeded.ctx.source(path)],
        scanner: seeded.ctx.scanner,
        store,
        runId: newId('run'),
        batchSize: 100,
        afterSave: (batch) => enrolBatch(store, batch),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const again = await store.listReviewCases({ limit: 100 });
    expect(again.rows.map((c) => c.caseId).sort()).toEqual(queued.rows.map((c) => c.caseId).sort());
    expect((await store.listCaseEvents(caseId)).map((e) => e.type)).toEqual(['case.opened']);
  });
});

describe('working the queue over HTTP', () => {
  it('lets a reviewer list, claim and decide; refuses a second reviewer and a partner', async () => {
    const rita = await login('rita');
    const rami = await login('rami');

    const listed = await call('/api/cases?status=open&category=praise&limit=10', { headers: rita });
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { rows: { caseId: string }[] };
    expect(page.rows.map((r) => r.caseId)).toContain(caseId);

    const claim = await post(`/api/cases/${caseId}/claim`, rita);
    expect(claim.status).toBe(200);
    expect(await claim.json()).toMatchObject({ caseId, status: 'assigned', claimedBy: 'user:rita' });

    const stolen = await post(`/api/cases/${caseId}/claim`, rami);
    expect(stolen.status).toBe(409);
    expect(await readProblem(stolen)).toMatchObject({ code: 'CONFLICT' });
    expect((await post(`/api/cases/${caseId}/decision`, rami, { outcome: 'keep' })).status).toBe(409);

    const partner = bearer(keys.partner);
    expect((await call('/api/cases', { headers: partner })).status).toBe(403);
    expect((await post(`/api/cases/${caseId}/claim`, partner)).status).toBe(403);
    expect((await post(`/api/cases/${caseId}/decision`, bearer(keys.analyst), { outcome: 'keep' })).status).toBe(403);

    expect((await post(`/api/cases/${caseId}/decision`, rita, { outcome: 'maybe' })).status).toBe(400);
    const decided = await post(`/api/cases/${caseId}/decision`, rita, {
      outcome: 'remove',
      category: 'praise',
      policyRef: 'P-3',
      note: 'glorifies an attack',
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({
      status: 'decided',
      decision: { outcome: 'remove', reviewer: 'user:rita' },
    });
    // The older case listing reads the same projection: one status, not a mirrored copy.
    expect((await seeded.ctx.store.getCase(caseId))?.status).toBe('decided');
    // The removal preserved the item as evidence, for the configured retention (183 days by default).
    const evidence = (await seeded.ctx.store.listEvidence({ limit: 10 })).rows;
    expect(evidence).toMatchObject([{ caseId }]);
    const { preservedAt, purgeAfter } = evidence[0] ?? { preservedAt: '', purgeAfter: '' };
    expect(Date.parse(purgeAfter) - Date.parse(preservedAt)).toBe(183 * 86_400_000);
    expect((await post(`/api/cases/${caseId}/decision`, rita, { outcome: 'keep' })).status).toBe(409);
    expect((await post('/api/cases/nope/claim', rita)).status).toBe(404);
  });

  it('lets an analyst appeal, and serves the reopened case to someone other than its decider', async () => {
    const rita = await login('rita');
    const rami = await login('rami');
    expect((await post(`/api/cases/${caseId}/appeal`, rita, { reason: 'x' })).status).toBe(403);
    const appeal = await post(`/api/cases/${caseId}/appeal`, bearer(keys.analyst), { reason: 'context missed' });
    expect(appeal.status).toBe(200);
    expect(await appeal.json()).toMatchObject({ status: 'open' });
    expect((await post(`/api/cases/${caseId}/claim`, rita)).status).toBe(403);
    const served = await post('/api/cases/next', rami, { queue });
    expect(served.status).toBe(200);
    expect(await served.json()).toMatchObject({ status: 'assigned', claimedBy: 'user:rami' });
  });

  it('audits every claim, decision and appeal with who and why, and the chain still holds', async () => {
    const log = await seeded.ctx.store.listAudit({ limit: 500 });
    const review = log.rows.filter((e) => e.action.startsWith('case.'));
    expect(review.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['case.claim', 'user:rita', caseId],
      ['case.decision', 'user:rita', caseId],
      ['case.appeal', expect.stringMatching(/^key:/), caseId],
      ['case.claim', 'user:rami', expect.any(String)],
    ]);
    expect(review[1]).toMatchObject({
      reason: 'glorifies an attack',
      details: { outcome: 'remove', category: 'praise', policyRef: 'P-3' },
    });
    expect(review[2]?.reason).toBe('context missed');
    expect(await verifyAuditLog(seeded.ctx.store)).toMatchObject({ ok: true });
  });
});
