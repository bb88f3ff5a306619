import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { ROUTE_ROLES } from '../review/roles.js';
import { openApiPath } from './openapi.js';
import { COMMAND_OPERATIONS } from './routes/openapi.js';
import { buildServer } from './server.js';
import { startTestServer, type TestServer } from './testing.js';

/**
 * The OpenAPI document covers the whole API, not only the read-only route table: every route of
 * the role table is in /openapi.json, except HMA's (they keep HMA's own API), the home page, and
 * the web app's files (not an API, and `/app/*` is a wildcard no OpenAPI path can hold).
 */

const NOT_DOCUMENTED = /^(GET|POST|PUT) \/(h|m|c)\/|^GET \/$|^GET \/app(\/\*)?$/;

type Operation = {
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
  security?: unknown[];
  parameters: { name: string; in: string }[];
};
type Document = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

let t: TestServer;
let document: Document;

beforeAll(async () => {
  t = await startTestServer({ setup: { loadConfig, createLoggers }, items: [] });
  document = (await (await t.get('/openapi.json')).json()) as Document;
});

afterAll(async () => {
  await t?.close();
});

describe('/openapi.json', () => {
  it('lists every route of the role table but HMA’s, the home page and the web app', () => {
    const expected = Object.keys(ROUTE_ROLES).filter((route) => !NOT_DOCUMENTED.test(route));
    const missing = expected.filter((route) => {
      const [method, url] = route.split(' ') as [string, string];
      return document.paths[openApiPath(url)]?.[method.toLowerCase()] === undefined;
    });
    expect(missing).toEqual([]);
    expect(expected).toContain('POST /api/referrals/:id/outcomes');
    expect(expected).toContain('POST /api/cases/:id/decision');
  });

  it('describes only routes the server registers', async () => {
    const app = buildServer(t.ctx);
    await app.ready();
    const unknown = COMMAND_OPERATIONS.filter((op) => !app.hasRoute({ method: op.method, url: op.url }));
    await app.close();
    expect(unknown.map((op) => `${op.method} ${op.url}`)).toEqual([]);
  });

  it('describes a command’s body, answers and credentials from its zod schemas', () => {
    const outcomes = document.paths['/api/referrals/{id}/outcomes']?.post;
    const body = outcomes?.requestBody?.content['application/json']?.schema as {
      properties: { items: { items: { properties: Record<string, { enum?: string[] }>; required: string[] } } };
      additionalProperties: boolean;
    };
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.items.items.properties.status?.enum).toEqual(['pending', 'removed', 'refused', 'unknown']);
    expect(body.properties.items.items.required.sort()).toEqual(['itemKey', 'status']);
    expect(outcomes?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    expect(Object.keys(outcomes?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(outcomes?.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);

    const login = document.paths['/api/login']?.post;
    expect(login?.security).toEqual([]);
    expect(Object.keys(login?.responses ?? {})).not.toContain('403');
    expect(Object.keys(document.paths['/api/cases/next']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '204']),
    );
    expect(document.components).toMatchObject({ securitySchemes: { sessionCookie: { in: 'cookie' } } });
  });
});
