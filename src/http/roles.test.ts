import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { ROLES, type Role } from '../core/index.js';
import { createLoggers } from '../logger.js';
import { generateApiKey } from '../review/api-keys.js';
import { ROUTE_ROLES } from '../review/roles.js';
import { apiRoutes, buildServer, type RunningServer, startServer } from './server.js';
import { createSeededContext, itemPath } from './testing.js';

/**
 * The role table, endpoint by endpoint, over real HTTP: every route × every role gets 403 when
 * the table says no and passes the gate when it says yes (200 where the sample request is a
 * complete one), and every non-public route answers 401 without credentials.
 */

type Overrides = Parameters<typeof loadConfig>[1];
const setup = {
  loadConfig: (env: Record<string, never>, o: { db: { url: string } }) =>
    loadConfig(env, { ...o, hma: { roles: ['hasher', 'matcher', 'curator'] } } as Overrides),
  createLoggers,
};
const TOKEN = 'roles-test-token-0123456789';
const HASH = 'f0e1d2c3b4a5968778695a4b3c2d1e0f'.repeat(2);

/**
 * The expected matrix, written out here rather than read from the table, so a change to who may
 * do what fails this test until it is made on purpose in both places.
 */
const STAFF = 'admin analyst reviewer';
const EXPECTED: Record<string, string> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /metrics': 'admin analyst',
  'POST /api/items': 'admin analyst',
  'POST /api/login': 'public',
  'POST /api/logout': 'admin analyst reviewer partner',
  'GET /openapi.json': 'admin analyst reviewer partner',
  'GET /': STAFF,
  'GET /app': 'public',
  'GET /app/*': 'public',
  'GET /api/me': 'admin analyst reviewer partner',
  'GET /api/overview': STAFF,
  'GET /api/cases/:id': STAFF,
  'GET /api/items/:key/media/:index': STAFF,
  'GET /v1/items': STAFF,
  'GET /v1/items/:key': STAFF,
  'GET /v1/assessments/:key': STAFF,
  'GET /v1/channels': STAFF,
  'GET /v1/channels/:platform/:id': STAFF,
  'GET /v1/channels/:platform/:id/events': STAFF,
  'GET /v1/cases': STAFF,
  'GET /v1/actions': STAFF,
  'GET /v1/reports': STAFF,
  'GET /api/audit': 'admin',
  'GET /api/cases': STAFF,
  'POST /api/cases/next': 'admin reviewer',
  'POST /api/cases/:id/claim': 'admin reviewer',
  'POST /api/cases/:id/decision': 'admin reviewer',
  'POST /api/cases/:id/appeal': 'admin analyst',
  'POST /api/cases/:id/bank-add': 'admin reviewer',
  'POST /api/cases/:id/bank-add/confirm': 'admin reviewer',
  'GET /api/referrals': 'admin analyst partner',
  'GET /api/referrals/:id': 'admin analyst partner',
  'POST /api/referrals/:id/outcomes': 'admin analyst partner',
  'GET /api/cases/:id/statement': 'admin analyst',
  'GET /api/removal-orders': STAFF,
  'POST /api/removal-orders': 'admin analyst',
  'POST /api/removal-orders/:id/complete': STAFF,
  'GET /api/network/graph': STAFF,
  'GET /api/network/lineage': STAFF,
  'GET /api/network/beacons': STAFF,
  'GET /api/network/campaigns': STAFF,
  'GET /api/network/trends': STAFF,
  'POST /api/network/closures': 'admin analyst',
  'GET /h/hash': 'admin analyst',
  'POST /h/hash': 'admin analyst',
  'GET /m/raw_lookup': 'admin analyst',
  'GET /m/lookup': 'admin analyst',
  'POST /m/lookup': 'admin analyst',
  'GET /m/index/status': 'admin analyst',
  'POST /m/compare': 'admin analyst',
  'GET /c/banks': 'admin',
  'POST /c/banks': 'admin',
  'GET /c/bank/:bank_name': 'admin',
  'PUT /c/bank/:bank_name': 'admin',
  'GET /c/bank/:bank_name/content': 'admin',
  'GET /c/bank/:bank_name/content/:content_id': 'admin',
  'POST /c/bank/:bank_name/content': 'admin',
  'POST /c/bank/:bank_name/signal': 'admin',
};

interface Sample {
  path: string;
  body?: unknown;
  /** True when the request is complete, so an allowed caller must get exactly 200. */
  ok?: boolean;
}

let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
const keys = {} as Record<Role, string>;
let samples: Record<string, Sample>;

beforeAll(async () => {
  seeded = await createSeededContext({ setup, apiToken: TOKEN });
  for (const role of ROLES) {
    const secret = generateApiKey();
    await seeded.ctx.store.createApiKey({ id: secret.id, name: role, role, keyHash: secret.keyHash });
    keys[role] = secret.key;
  }
  await seeded.ctx.store.createBank({ name: 'ROLES_BANK' });
  server = await startServer(seeded.ctx, { port: 0, limits: { apiRate: { capacity: 10_000, perSecond: 100 } } });
  const items = (await (await fetch(`${server.url}/v1/items`, auth(TOKEN))).json()) as { rows: { key: string }[] };
  const key = items.rows[0]?.key as string;
  samples = {
    'GET /health': { path: '/health', ok: true },
    'GET /ready': { path: '/ready', ok: true },
    'GET /metrics': { path: '/metrics', ok: true },
    'POST /api/items': { path: '/api/items', body: { items: [{ chat: { id: '-1' } }] } },
    'POST /api/login': { path: '/api/login', body: {} },
    'POST /api/logout': { path: '/api/logout' },
    'GET /openapi.json': { path: '/openapi.json', ok: true },
    'GET /': { path: '/', ok: true },
    'GET /app': { path: '/app' },
    'GET /app/*': { path: '/app/', ok: true },
    'GET /api/me': { path: '/api/me', ok: true },
    'GET /api/overview': { path: '/api/overview?days=7', ok: true },
    'GET /api/cases/:id': { path: '/api/cases/case_none' },
    'GET /api/items/:key/media/:index': { path: `/api/items/${encodeURIComponent(key)}/media/0` },
    'GET /v1/items': { path: '/v1/items', ok: true },
    'GET /v1/items/:key': { path: itemPath(key), ok: true },
    'GET /v1/assessments/:key': { path: itemPath(key, 'assessments'), ok: true },
    'GET /v1/channels': { path: '/v1/channels', ok: true },
    'GET /v1/channels/:platform/:id': { path: '/v1/channels/telegram/-1001', ok: true },
    'GET /v1/channels/:platform/:id/events': { path: '/v1/channels/telegram/-1001/events', ok: true },
    'GET /v1/cases': { path: '/v1/cases', ok: true },
    'GET /v1/actions': { path: '/v1/actions', ok: true },
    'GET /v1/reports': { path: '/v1/reports?quarter=2024Q4', ok: true },
    'GET /api/audit': { path: '/api/audit', ok: true },
    'GET /api/cases': { path: '/api/cases', ok: true },
    'POST /api/cases/next': { path: '/api/cases/next', body: { queue: 'none/none/none' } },
    'POST /api/cases/:id/claim': { path: '/api/cases/case_none/claim', body: {} },
    'POST /api/cases/:id/decision': { path: '/api/cases/case_none/decision', body: { outcome: 'keep' } },
    'POST /api/cases/:id/appeal': { path: '/api/cases/case_none/appeal', body: { reason: 'second look' } },
    'POST /api/cases/:id/bank-add': { path: '/api/cases/case_none/bank-add', body: { bank: 'ROLES_BANK' } },
    'POST /api/cases/:id/bank-add/confirm': { path: '/api/cases/case_none/bank-add/confirm', body: { requestId: 'r' } },
    'GET /api/referrals': { path: '/api/referrals', ok: true },
    'GET /api/referrals/:id': { path: '/api/referrals/ref_none' },
    'POST /api/referrals/:id/outcomes': { path: '/api/referrals/ref_none/outcomes', body: { items: [] } },
    'GET /api/cases/:id/statement': { path: '/api/cases/case_none/statement' },
    'GET /api/removal-orders': { path: '/api/removal-orders', ok: true },
    'POST /api/removal-orders': { path: '/api/removal-orders', body: { authority: 'roles test' } },
    'POST /api/removal-orders/:id/complete': { path: '/api/removal-orders/tco_none/complete', body: {} },
    'GET /api/network/graph': { path: '/api/network/graph?depth=2&kinds=forward,mention', ok: true },
    'GET /api/network/lineage': { path: '/api/network/lineage', ok: true },
    'GET /api/network/beacons': { path: '/api/network/beacons', ok: true },
    'GET /api/network/campaigns': { path: '/api/network/campaigns', ok: true },
    'GET /api/network/trends': { path: '/api/network/trends?by=org', ok: true },
    'POST /api/network/closures': { path: '/api/network/closures', body: { chat: '-1001' } },
    'GET /h/hash': { path: '/h/hash?url=http://127.0.0.1:1/none.png' },
    'POST /h/hash': { path: '/h/hash', body: {} },
    'GET /m/raw_lookup': { path: `/m/raw_lookup?signal_type=pdq&signal=${HASH}`, ok: true },
    'GET /m/lookup': { path: `/m/lookup?signal_type=pdq&signal=${HASH}`, ok: true },
    'POST /m/lookup': { path: '/m/lookup', body: {} },
    'GET /m/index/status': { path: '/m/index/status', ok: true },
    'POST /m/compare': { path: '/m/compare', body: { pdq: [HASH, HASH] }, ok: true },
    'GET /c/banks': { path: '/c/banks', ok: true },
    'POST /c/banks': { path: '/c/banks', body: { name: 'roles bad name' } },
    'GET /c/bank/:bank_name': { path: '/c/bank/ROLES_BANK', ok: true },
    'PUT /c/bank/:bank_name': { path: '/c/bank/ROLES_BANK', body: { enabled: true }, ok: true },
    'GET /c/bank/:bank_name/content': { path: '/c/bank/ROLES_BANK/content', ok: true },
    'GET /c/bank/:bank_name/content/:content_id': { path: '/c/bank/ROLES_BANK/content/none' },
    'POST /c/bank/:bank_name/content': { path: '/c/bank/ROLES_BANK/content', body: {} },
    'POST /c/bank/:bank_name/signal': { path: '/c/bank/ROLES_BANK/signal', body: {} },
  };
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
});

function auth(key: string): { headers: Record<string, string> } {
  return { headers: { authorization: `Bearer ${key}` } };
}

async function send(routeKey: string, headers: Record<string, string>): Promise<Response> {
  const method = routeKey.split(' ')[0] as string;
  const sample = samples[routeKey] as Sample;
  const init: RequestInit = { method, headers: { ...headers } };
  if (sample.body !== undefined) {
    init.body = JSON.stringify(sample.body);
    init.headers = { ...headers, 'content-type': 'application/json' };
  }
  return fetch(`${server.url}${sample.path}`, init);
}

describe('the role table', () => {
  it('lists exactly the routes the server registers, with a sample for each', async () => {
    const app = buildServer(seeded.ctx);
    const registered = new Set<string>();
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') registered.add(`${method} ${route.url}`);
    });
    await app.ready();
    // Login, logout and the review commands are registered before a test can add its hook: ask for them by name.
    const early = [
      'POST /api/login',
      'POST /api/logout',
      'GET /api/cases',
      'POST /api/cases/next',
      'POST /api/cases/:id/claim',
      'POST /api/cases/:id/decision',
      'POST /api/cases/:id/appeal',
      'POST /api/cases/:id/bank-add',
      'POST /api/cases/:id/bank-add/confirm',
      'GET /api/referrals',
      'GET /api/referrals/:id',
      'POST /api/referrals/:id/outcomes',
      'GET /api/cases/:id/statement',
      'GET /api/removal-orders',
      'POST /api/removal-orders',
      'POST /api/removal-orders/:id/complete',
      'GET /app',
      'GET /app/*',
      'GET /api/me',
      'GET /ready',
      'GET /metrics',
      'POST /api/items',
      'GET /api/overview',
      'GET /api/cases/:id',
      'GET /api/items/:key/media/:index',
      'GET /api/network/graph',
      'GET /api/network/lineage',
      'GET /api/network/beacons',
      'GET /api/network/campaigns',
      'GET /api/network/trends',
      'POST /api/network/closures',
    ];
    for (const route of early) {
      const [method, url] = route.split(' ') as ['GET' | 'POST', string];
      expect(app.hasRoute({ method, url }), route).toBe(true);
      registered.add(route);
    }
    await app.close();
    expect([...registered].sort()).toEqual(Object.keys(ROUTE_ROLES).sort());
    expect(Object.keys(samples).sort()).toEqual(Object.keys(ROUTE_ROLES).sort());
    const table = Object.fromEntries(
      Object.entries(ROUTE_ROLES).map(([k, access]) => [k, access === 'public' ? 'public' : access.join(' ')]),
    );
    expect(table).toEqual(EXPECTED);
  });

  it('answers every non-public route 401 without credentials', async () => {
    for (const [routeKey, access] of Object.entries(EXPECTED)) {
      const response = await send(routeKey, {});
      if (access === 'public') expect(response.status, routeKey).not.toBe(401);
      else expect(response.status, routeKey).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`gives the ${role} role exactly what the table allows`, async () => {
      const seen: string[] = [];
      for (const [routeKey, access] of Object.entries(EXPECTED)) {
        const response = await send(routeKey, auth(keys[role]).headers);
        const allowed = access === 'public' || access.split(' ').includes(role);
        const sample = samples[routeKey] as Sample;
        const expected = allowed ? (sample.ok ? '200' : 'passes') : '403';
        const got =
          response.status === 403
            ? '403'
            : response.status === 401
              ? '401'
              : sample.ok && response.status === 200
                ? '200'
                : response.status < 500 && allowed && !sample.ok
                  ? 'passes'
                  : String(response.status);
        seen.push(`${routeKey}: ${got === expected ? 'ok' : `expected ${expected}, got ${response.status}`}`);
      }
      expect(seen.filter((line) => !line.endsWith(': ok'))).toEqual([]);
    });
  }

  it('agrees with the routes that OpenAPI marks public', () => {
    for (const { meta } of apiRoutes(seeded.ctx).routes) {
      expect(EXPECTED[`${meta.method} ${meta.url}`] === 'public', meta.url).toBe(meta.public === true);
    }
  });

  it('keeps RASD_API_TOKEN an admin credential', async () => {
    expect((await send('GET /api/audit', auth(TOKEN).headers)).status).toBe(200);
    expect((await send('GET /c/banks', auth(TOKEN).headers)).status).toBe(200);
  });

  it('audits a bank change made over the curator API, with who and why', async () => {
    const response = await fetch(`${server.url}/c/bank/ROLES_BANK`, {
      method: 'PUT',
      headers: { ...auth(keys.admin).headers, 'content-type': 'application/json', 'x-rasd-reason': 'source retracted' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(response.status).toBe(200);
    const log = await seeded.ctx.store.listAudit({ limit: 500 });
    const last = log.rows.at(-1);
    expect(last).toMatchObject({
      action: 'bank.update',
      target: 'ROLES_BANK',
      reason: 'source retracted',
      actor: expect.stringMatching(/^key:key_/),
      details: { enabled: false, status: 200 },
    });
  });
});
