import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import type { Store } from '../storage/ports.js';
import { openApiPath } from './openapi.js';
import { COMMAND_OPERATIONS } from './routes/openapi.js';
import { buildServer, startServer } from './server.js';
import { readProblem, startTestServer, type TestServer } from './testing.js';

const setup = { loadConfig, createLoggers };

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ setup });
});

afterAll(async () => {
  await t.close();
});

/** A store whose every method throws, to see how the server fails. */
function brokenStore(store: Store, message: string): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return async () => {
        throw new Error(message);
      };
    },
  });
}

describe('GET /health', () => {
  it('reports ok with the version and a live database', async () => {
    const response = await t.get('/health');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; version: string; db: string };
    expect(body).toMatchObject({ status: 'ok', db: 'ok' });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers 503 problem JSON when the database fails', async () => {
    const server = await startServer({ ...t.ctx, store: brokenStore(t.ctx.store, 'disk gone') }, { port: 0 });
    try {
      const response = await fetch(`${server.url}/health`);
      expect(response.status).toBe(503);
      const problem = await readProblem(response);
      expect(problem).toMatchObject({ code: 'STORAGE_FAILED', title: 'Storage failed' });
      expect(JSON.stringify(problem)).not.toContain('disk gone');
    } finally {
      await server.close();
    }
  });
});

describe('errors', () => {
  it('answers 404 problem JSON for an unknown route', async () => {
    const response = await t.get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await readProblem(response)).toMatchObject({
      type: 'urn:rasd:error:NOT_FOUND',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('strips unknown errors to INTERNAL and logs them with the request id only', async () => {
    const server = await startServer(
      { ...t.ctx, store: brokenStore(t.ctx.store, 'SQLITE_CORRUPT at page 7') },
      { port: 0 },
    );
    try {
      const response = await fetch(`${server.url}/v1/items`);
      expect(response.status).toBe(500);
      const problem = await readProblem(response);
      expect(problem).toMatchObject({ code: 'INTERNAL', title: 'Internal error' });
      expect(JSON.stringify(problem)).not.toContain('SQLITE_CORRUPT');
      const reqId = /request id (\S+)\./.exec(String(problem.detail))?.[1];
      expect(reqId).toBeDefined();
      const logged = t.logs.find((line) => line.reqId === reqId && line.msg === 'unexpected error');
      expect(JSON.stringify(logged)).toContain('SQLITE_CORRUPT');
    } finally {
      await server.close();
    }
  });

  it('never logs message text', async () => {
    await t.get('/v1/items');
    await t.get('/v1/items/telegram%2F-1001%2F1%2F0');
    const all = JSON.stringify(t.logs);
    expect(all).toContain('/v1/items');
    expect(all).not.toContain('hello world');
    expect(all).not.toContain('RASD-TEST-MARKER');
  });
});

describe('security headers', () => {
  it('are on data, errors and pages', async () => {
    for (const path of ['/health', '/v1/items', '/v1/nothing', '/v1/items?limit=0', '/']) {
      const response = await t.get(path);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('content-security-policy'), path).toMatch(/^default-src 'none'/);
    }
  });
});

describe('GET /', () => {
  it('serves a small index page linking to the API description and the current report', async () => {
    const response = await t.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('href="/openapi.json"');
    expect(html).toMatch(/href="\/v1\/reports\?quarter=\d{4}Q[1-4]&amp;format=html"/);
  });
});

describe('GET /openapi.json', () => {
  it('lists every registered route, and only those', async () => {
    const app = buildServer(t.ctx);
    const registered: string[] = [];
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // The dashboard's static files (/app/*) are not API: the OpenAPI document leaves them out.
      if (route.url.startsWith('/app')) return;
      for (const method of methods)
        if (method !== 'HEAD') registered.push(`${method.toLowerCase()} ${openApiPath(route.url)}`);
    });
    await app.ready();
    await app.close();

    const response = await t.get('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    // Plus the hand-kept operations of the routes outside the table (openapi-commands.test.ts checks those).
    const commands = COMMAND_OPERATIONS.map((op) => `${op.method.toLowerCase()} ${openApiPath(op.url)}`);
    expect(documented.sort()).toEqual([...registered, ...commands].sort());
    expect(registered).toContain('get /v1/items/{key}');
    expect(registered).toHaveLength(13);
  });

  it('describes parameters and responses from the zod schemas', async () => {
    type Content = Record<string, { schema: { $ref?: string; properties?: Record<string, { type?: string }> } }>;
    type Operation = { parameters: Record<string, unknown>[]; responses: Record<string, { content: Content }> };
    const document = (await (await t.get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const list = document.paths['/v1/items']?.get;
    const verdict = list?.parameters.find((p) => p.name === 'verdict');
    expect(verdict).toMatchObject({ in: 'query', required: false, schema: { enum: ['violating', 'review', 'clear'] } });
    expect(list?.parameters.find((p) => p.name === 'limit')).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    });
    const key = document.paths['/v1/items/{key}']?.get?.parameters[0];
    expect(key).toMatchObject({ name: 'key', in: 'path', required: true });
    expect(list?.responses['200']?.content['application/json']?.schema.properties?.rows?.type).toBe('array');
    const reports = document.paths['/v1/reports']?.get?.responses['200']?.content;
    expect(Object.keys(reports ?? {}).sort()).toEqual(['application/json', 'text/csv', 'text/html']);
    expect(list?.responses['400']?.content['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });
});
