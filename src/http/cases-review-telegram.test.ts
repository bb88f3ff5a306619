import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { hashPassword } from '../review/passwords.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext } from './testing.js';

/**
 * A reviewer's `remove` of a message in a chat the Telegram bot moderates asks the bot to delete
 * it (issue 8): the decision route requests a delete action beside the referral it queues.
 */

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';
let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;

beforeAll(async () => {
  seeded = await createSeededContext({ setup: { loadConfig, createLoggers } });
  await seeded.ctx.store.createUser({
    name: 'rita',
    role: 'reviewer',
    passwordHash: await hashPassword(PASSWORD, FAST),
  });
  await seeded.ctx.store.saveModeratedChat({
    chatId: '-1001',
    type: 'supergroup',
    rights: { status: 'administrator', canDeleteMessages: true, canRestrictMembers: true },
    checkedAt: '2026-05-01T09:00:00.000Z',
  });
  server = await startServer(seeded.ctx, { port: 0, limits: { apiRate: { capacity: 1000, perSecond: 100 } } });
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

describe('decision → Telegram delete', () => {
  it('a remove decision in a moderated chat requests a delete for the bot, reason naming the case', async () => {
    const login = await post('/api/login', {}, { username: 'rita', password: PASSWORD });
    const rita = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string };
    const { rows } = await seeded.ctx.store.listReviewCases({ limit: 100 });
    const open = rows.find((c) => c.itemKey === 'telegram/-1001/3/0');
    expect(open).toBeDefined();
    const caseId = open?.caseId as string;
    expect((await post(`/api/cases/${caseId}/claim`, rita)).status).toBe(200);
    expect((await post(`/api/cases/${caseId}/decision`, rita, { outcome: 'remove', note: 'test' })).status).toBe(200);
    const actions = await seeded.ctx.store.listItemActions('telegram/-1001/3/0');
    expect(actions).toMatchObject([
      { kind: 'delete', target: 'telegram', status: 'requested', reason: `decision:${caseId}` },
    ]);
  });
});
