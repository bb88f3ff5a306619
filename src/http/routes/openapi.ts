import { z } from 'zod';
import type { OpenApiDocument } from '../openapi.js';
import { defineRoute, type Route } from '../route.js';

/** `GET /openapi.json`: the document generated from the route table this server registered. */
export function openApiRoute(document: () => OpenApiDocument): Route {
  return defineRoute({
    method: 'GET',
    url: '/openapi.json',
    summary: 'OpenAPI 3.1 description of this API',
    tags: ['system'],
    response: z.object({
      openapi: z.literal('3.1.0'),
      info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }),
      paths: z.record(z.string(), z.record(z.string(), z.unknown())),
      components: z.record(z.string(), z.unknown()),
    }),
    handle: async () => document(),
  });
}
