import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import type { ItemInput } from '../core/index.js';
import { createLoggers } from '../logger.js';
import { verifyAuditLog } from '../review/audit-log.js';
import { hashPassword } from '../review/passwords.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext, readProblem } from './testing.js';

/** Dual-control banking over real HTTP: a second reviewer's confirmation writes the media hashes. */

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';
const SHA = 'ab'.repeat(32);
const ITEM: ItemInput = {
  platform: 'telegram',
  chat: { id: '-1003', title: 'Demo C', type: 'channel' },
  messageId: '7',
  postedAt: '2024-11-02T10:00:00Z',
  text: 'maybe RASD-TEST-MARKER:praise:0.6',
  views: 120,
  media: [{ kind: 'photo', status: 'not-exported', sha256: SHA }],
};

let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;

beforeAll(async () => {
  seeded = await createSeededContext({ setup: { loadConfig, createLoggers }, items: [ITEM] });
  for (const name of ['rita', 'rami']) {
    const passwordHash = await hashPassword(PASSWORD, FAST);
    await seeded.ctx.store.createUser({ name, role: 'reviewer', passwordHash });
  }
  await seeded.ctx.store.createBank({ name: 'REVIEWED' });
  server = await startServer(seeded.ctx, { port: 0 });
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
});

const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function login(username: string): Promise<Record<string, string>> {
  const response = await post('/api/login', {}, { username, password: PASSWORD });
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] as string };
}

describe('banking a removed item', () => {
  it('needs a second reviewer, then writes the media hash with the case as provenance, audited', async () => {
    const rita = await login('rita');
    const rami = await login('rami');
    const [queued] = (await seeded.ctx.store.listReviewCases({ limit: 10 })).rows;
    const caseId = queued?.caseId as string;
    expect(queued).toMatchObject({ itemKey: 'telegram/-1003/7/0', status: 'open' });

    expect((await post(`/api/cases/${caseId}/bank-add`, rita, { bank: 'REVIEWED' })).status).toBe(409);
    expect((await post(`/api/cases/${caseId}/claim`, rita)).status).toBe(200);
    const decided = await post(`/api/cases/${caseId}/decision`, rita, { outcome: 'remove', category: 'praise' });
    expect(decided.status).toBe(200);
    expect((await post(`/api/cases/${caseId}/bank-add`, rita, { bank: 'NO_SUCH_BANK' })).status).toBe(404);

    const asked = await post(`/api/cases/${caseId}/bank-add`, rita, { bank: 'REVIEWED', note: 'known poster' });
    expect(asked.status).toBe(200);
    const { requestId } = (await asked.json()) as { requestId: string };

    const self = await post(`/api/cases/${caseId}/bank-add/confirm`, rita, { requestId });
    expect(self.status).toBe(403);
    expect(await readProblem(self)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await seeded.ctx.store.getBank('REVIEWED'))?.entries).toBe(0);

    const confirmed = await post(`/api/cases/${caseId}/bank-add/confirm`, rami, { requestId, note: 'agreed' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ bank: 'REVIEWED', added: 1, duplicates: 0 });
    expect((await post(`/api/cases/${caseId}/bank-add/confirm`, rami, { requestId })).status).toBe(409);

    const entries = await seeded.ctx.store.listBankEntries('REVIEWED', { limit: 10 });
    expect(entries.rows).toEqual([
      expect.objectContaining({
        signalType: 'sha256',
        value: SHA,
        source: `review:${caseId}`,
        addedBy: 'user:rami',
        category: 'praise',
      }),
    ]);
    const log = (await seeded.ctx.store.listAudit({ limit: 500 })).rows;
    expect(log.filter((e) => e.action.includes('bank')).map((e) => [e.action, e.actor, e.target])).toEqual([
      ['case.bank-add.request', 'user:rita', caseId],
      ['bank.add-entries', 'user:rami', 'REVIEWED'],
      ['case.bank-add.confirm', 'user:rami', caseId],
    ]);
    expect(await verifyAuditLog(seeded.ctx.store)).toMatchObject({ ok: true });
  });
});
