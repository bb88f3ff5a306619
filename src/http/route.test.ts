import Fastify from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../app/index.js';
import { appError } from '../core/index.js';
import { registerErrorHandling } from './error-handler.js';
import { defineRoute, type Route } from './route.js';

const silent = pino({ level: 'silent' });
const ctx = {} as AppContext;

async function serve(route: Route, checkResponses: boolean) {
  const app = Fastify();
  registerErrorHandling(app, silent);
  route.register(app, ctx, { checkResponses });
  await app.ready();
  return app;
}

describe('defineRoute', () => {
  const drifting = defineRoute({
    method: 'GET',
    url: '/drift',
    summary: 'a handler whose body drifted from its schema',
    tags: ['test'],
    query: z.object({ n: z.coerce.number().int().default(1) }).strict(),
    response: z.object({ n: z.number() }),
    // Simulates an adapter returning a shape the schema does not promise.
    handle: async ({ query }) => ({ n: String(query.n) }) as unknown as { n: number },
  });

  it('sends the body as JSON and types the parsed query', async () => {
    const app = await serve(drifting, false);
    const response = await app.inject({ url: '/drift?n=3' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({ n: '3' });
  });

  it('fails a response that does not match its schema when asked to check', async () => {
    const app = await serve(drifting, true);
    const response = await app.inject({ url: '/drift' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'INTERNAL', detail: expect.stringContaining('/drift') });
  });

  it('rewrites a store pointer that names a query parameter', async () => {
    const route = defineRoute({
      method: 'GET',
      url: '/cursor',
      summary: 'a store that refuses a cursor',
      tags: ['test'],
      query: z.object({ cursor: z.string().optional() }),
      response: z.object({}),
      handle: async () => {
        throw appError('INPUT_INVALID', 'the page cursor is not one this list handed out', 'cursor');
      },
    });
    const app = await serve(route, true);
    const response = await app.inject({ url: '/cursor?cursor=x' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ code: 'INPUT_INVALID', pointer: '/query/cursor' });
  });
});
