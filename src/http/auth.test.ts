import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { isLoopbackHost, startServer } from './server.js';
import { createSeededContext, readProblem, startTestServer, type TestServer } from './testing.js';

const TOKEN = 'test-token-0123456789abcdef';

const setup = { loadConfig, createLoggers };

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ setup, apiToken: TOKEN });
});

afterAll(async () => {
  await t.close();
});

describe('bearer token', () => {
  it('answers 401 problem JSON without a token', async () => {
    for (const path of ['/v1/items', '/v1/reports?quarter=2024Q4', '/openapi.json', '/', '/v1/unknown']) {
      const response = await t.get(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="rasd"');
      expect(await readProblem(response)).toMatchObject({ code: 'UNAUTHORIZED', title: 'Authentication required' });
    }
  });

  it('answers 401 for a wrong token, a near miss and another scheme', async () => {
    for (const authorization of [
      'Bearer wrong',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const response = await t.get('/v1/items', { headers: { authorization } });
      expect(response.status, authorization).toBe(401);
      expect(await readProblem(response)).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const wrong = await t.get('/v1/items', { headers: { authorization: 'Bearer wrong' } });
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="rasd", error="invalid_token"');
  });

  it('lets the right token through', async () => {
    const response = await t.get('/v1/items', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: unknown[] }).rows).toHaveLength(7);
    const unknown = await t.get('/v1/unknown', { headers: { authorization: `bearer ${TOKEN}` } });
    expect(unknown.status).toBe(404);
  });

  it('leaves /health open', async () => {
    const response = await t.get('/health');
    expect(response.status).toBe(200);
  });

  it('documents the scheme in OpenAPI', async () => {
    const response = await t.get('/openapi.json', { headers: { authorization: `Bearer ${TOKEN}` } });
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/v1/items']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/health']?.get?.security).toEqual([]);
  });
});

describe('binding', () => {
  it('refuses a non-loopback host without a token', async () => {
    const { ctx, dispose } = await createSeededContext({ setup, items: [] });
    try {
      await expect(startServer(ctx, { host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        pointer: 'http.host',
        detail: expect.stringContaining('RASD_API_TOKEN'),
      });
    } finally {
      await dispose();
    }
  });

  it('binds a non-loopback host when a token is set', async () => {
    const server = await startServer(t.ctx, { host: '0.0.0.0', port: 0 });
    try {
      const port = new URL(server.url).port;
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('turns a port in use into CONFIG_INVALID', async () => {
    const port = Number(new URL(t.url).port);
    await expect(startServer(t.ctx, { port })).rejects.toMatchObject({ code: 'CONFIG_INVALID', pointer: 'http.port' });
  });

  it('knows which hosts are loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1', '::ffff:10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
