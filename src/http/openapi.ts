import { z } from 'zod';
import { JSON_MEDIA_TYPE, type RouteMeta } from './route.js';
import { problemSchema } from './schemas/index.js';

/**
 * The OpenAPI 3.1 document, generated from the route table with zod's own `z.toJSONSchema()`
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12). Nothing here is written by hand per route:
 * add a route to the table and it appears, with its parameters, responses and auth.
 */

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  /** Whether the server requires a bearer token (RASD_API_TOKEN is set). */
  auth: boolean;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: OpenApiParameter[];
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/v1/items/:key` → `/v1/items/{key}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: RouteMeta['params'], where: 'path' | 'query'): OpenApiParameter[] {
  if (schema === undefined) return [];
  const json = toJsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' && { description }),
      schema: rest,
    };
  });
}

function problemResponse(description: string): unknown {
  return { description, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
}

function responses(route: RouteMeta, auth: boolean): Record<string, unknown> {
  const content: Record<string, { schema: JsonSchema }> = {};
  for (const type of route.produces ?? [JSON_MEDIA_TYPE]) {
    const media = type.split(';')[0]?.trim() ?? type;
    content[media] = {
      schema: media === 'application/json' ? toJsonSchema(route.response, 'output') : { type: 'string' },
    };
  }
  return {
    '200': { description: 'OK', content },
    ...((route.params !== undefined || route.query !== undefined) && { '400': problemResponse('Invalid input') }),
    ...(auth && !route.public && { '401': problemResponse('Missing or wrong bearer token') }),
    '404': problemResponse('Not found'),
    '500': problemResponse('Internal error (details are in the server log)'),
    '503': problemResponse('Storage unavailable'),
  };
}

function operationId(route: RouteMeta): string {
  const words = openApiPath(route.url)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `${route.method.toLowerCase()}${name || 'Root'}`;
}

function operation(route: RouteMeta, auth: boolean): OpenApiOperation {
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(route.description !== undefined && { description: route.description }),
    tags: [...route.tags],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    responses: responses(route, auth),
    ...(auth && { security: route.public ? [] : [{ bearerAuth: [] }] }),
  };
}

/** Builds the document for a route table; every route appears once, under its method. */
export function buildOpenApi(routes: readonly RouteMeta[], info: OpenApiInfo): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, info.auth);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description !== undefined && { description: info.description }),
    },
    paths,
    components: {
      schemas: { Problem: toJsonSchema(problemSchema, 'output') },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The value of RASD_API_TOKEN.' } },
    },
  };
}
