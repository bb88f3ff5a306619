import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { generateApiKey } from '../review/api-keys.js';
import { verifyAuditLog } from '../review/audit-log.js';
import { hashPassword } from '../review/passwords.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext, readProblem } from './testing.js';

/** Logins, sessions, API keys, the audit route and the rate limits, over real HTTP. */

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';
const setup = { loadConfig, createLoggers };

let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
let keys: Record<'analyst' | 'partner', string>;

beforeAll(async () => {
  seeded = await createSeededContext({ setup });
  const store = seeded.ctx.store;
  await store.createUser({ name: 'alice', role: 'admin', passwordHash: await hashPassword(PASSWORD, FAST) });
  await store.createUser({ name: 'rita', role: 'reviewer', passwordHash: await hashPassword(PASSWORD, FAST) });
  keys = { analyst: '', partner: '' };
  for (const role of ['analyst', 'partner'] as const) {
    const secret = generateApiKey();
    await store.createApiKey({ id: secret.id, name: role, role, keyHash: secret.keyHash });
    keys[role] = secret.key;
  }
  server = await startServer(seeded.ctx, {
    port: 0,
    checkResponses: true,
    limits: { throttle: { maxFailures: 3 }, apiRate: { capacity: 40, perSecond: 0.001 } },
  });
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
});

const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const login = (username: string, password: string) =>
  call('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] as string;
}

describe('password login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that then works as a credential', async () => {
    const response = await login('alice', PASSWORD);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: 'alice', role: 'admin' });
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^rasd_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    const cookie = sessionCookie(response);
    expect((await call('/v1/items', { headers: { cookie } })).status).toBe(200);
    expect((await call('/api/audit', { headers: { cookie } })).status).toBe(200);
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const wrong = await login('rita', 'not the password at all');
    const unknown = await login('nobody', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const a = await readProblem(wrong);
    const b = await readProblem(unknown);
    expect(a).toMatchObject({ code: 'UNAUTHORIZED', detail: 'wrong username or password' });
    expect(b.detail).toBe(a.detail);
    expect((await login('rita', PASSWORD)).status).toBe(200);
  });

  it('refuses a malformed body with 400', async () => {
    const response = await call('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice' }),
    });
    expect(response.status).toBe(400);
  });

  it('throttles a username after repeated failures from one address, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await login('mallory-target', 'guess number one')).status);
    expect(statuses).toEqual([401, 401, 401]);
    await seeded.ctx.store.createUser({
      name: 'mallory-target',
      role: 'partner',
      passwordHash: await hashPassword(PASSWORD, FAST),
    });
    const blocked = await login('mallory-target', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await readProblem(blocked)).toMatchObject({ code: 'RATE_LIMITED' });
    // Other users are not locked out by someone else's failures.
    expect((await login('alice', PASSWORD)).status).toBe(200);
  });

  it('ends the session at logout', async () => {
    const cookie = sessionCookie(await login('rita', PASSWORD));
    expect((await call('/v1/cases', { headers: { cookie } })).status).toBe(200);
    const out = await call('/api/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^rasd_session=; .*Max-Age=0/);
    const after = await call('/v1/cases', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect((await call('/v1/cases', { headers: { cookie: 'rasd_session=forged-forged-forged-forged' } })).status).toBe(
      401,
    );
  });
});

describe('API keys', () => {
  it('authenticate with their role: 200 where allowed, 403 elsewhere, 401 once revoked', async () => {
    expect((await call('/v1/items', bearer(keys.analyst))).status).toBe(200);
    expect((await call('/v1/items', bearer(keys.partner))).status).toBe(403);
    const forbidden = await call('/api/audit', bearer(keys.analyst));
    expect(forbidden.status).toBe(403);
    expect(await readProblem(forbidden)).toMatchObject({ code: 'FORBIDDEN' });
    const secret = generateApiKey();
    const key = await seeded.ctx.store.createApiKey({
      id: secret.id,
      name: 'temp',
      role: 'reviewer',
      keyHash: secret.keyHash,
    });
    expect((await call('/v1/items', bearer(secret.key))).status).toBe(200);
    await seeded.ctx.store.revokeApiKey(key.id);
    const revoked = await call('/v1/items', bearer(secret.key));
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toBe('Bearer realm="rasd", error="invalid_token"');
  });

  it('answers 401 without credentials once users exist, even with no RASD_API_TOKEN', async () => {
    const response = await call('/v1/items');
    expect(response.status).toBe(401);
    expect((await call('/health')).status).toBe(200);
  });

  it('are rate limited per key with a token bucket', async () => {
    const secret = generateApiKey();
    await seeded.ctx.store.createApiKey({ id: secret.id, name: 'busy', role: 'analyst', keyHash: secret.keyHash });
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await call('/v1/cases', bearer(secret.key))).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
    // Another credential has its own bucket.
    expect((await call('/v1/cases', bearer(keys.analyst))).status).toBe(200);
  });
});

describe('GET /api/audit', () => {
  it('lists logins in chain order, paged, and the chain verifies', async () => {
    const cookie = sessionCookie(await login('alice', PASSWORD));
    const first = (await (await call('/api/audit?limit=2', { headers: { cookie } })).json()) as {
      rows: { seq: number; action: string }[];
      next?: string;
    };
    expect(first.rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(first.next).toBeDefined();
    const second = (await (
      await call(`/api/audit?limit=500&cursor=${first.next}`, { headers: { cookie } })
    ).json()) as {
      rows: { seq: number; action: string; target: string }[];
    };
    expect(second.rows[0]?.seq).toBe(3);
    const actions = [...first.rows, ...second.rows].map((r) => r.action);
    expect(actions).toContain('login.success');
    expect(actions).toContain('login.failure');
    expect(actions).toContain('login.throttled');
    expect(actions).toContain('logout');
    const failure = second.rows.find((r) => r.action === 'login.failure' && r.target === 'nobody');
    expect(failure).toBeDefined();
    expect(JSON.stringify([...first.rows, ...second.rows])).not.toContain(PASSWORD);
    expect(await verifyAuditLog(seeded.ctx.store)).toMatchObject({ ok: true });
  });
});
