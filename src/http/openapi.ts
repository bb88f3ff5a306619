import { z } from 'zod';
import { JSON_MEDIA_TYPE, type RouteMeta } from './route.js';
import { COMMAND_OPERATIONS } from './routes/openapi.js';
import { problemSchema } from './schemas/index.js';
import { SESSION_COOKIE } from './session-cookie.js';

/**
 * The OpenAPI 3.1 document, generated from the route table with zod's own `z.toJSONSchema()`
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12). Nothing here is written by hand per route:
 * add a route to the table and it appears, with its parameters, responses and auth. The routes
 * outside the table (login, the review commands, referrals: JSON bodies and a caller) are a
 * hand-kept list of the same shape plus a body (`routes/openapi.ts` `COMMAND_OPERATIONS`).
 */

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** A route the read-only table does not hold, described by its zod schemas all the same. */
export interface CommandMeta {
  method: 'GET' | 'POST';
  /** Fastify pattern, e.g. `/api/cases/:id/claim`. */
  url: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: AnyObject;
  query?: AnyObject;
  /** The JSON request body. */
  body?: z.ZodType;
  /** The JSON body of a 200; absent when the route answers 204 only. */
  response?: z.ZodType;
  /** Media types a 200 may have; JSON unless listed. */
  produces?: readonly string[];
  /** True when the route may answer 204 No Content (nothing to serve, logged out). */
  noContent?: boolean;
  /** Further answers the route gives, by status: `{ '409': 'The case is held by someone else' }`. */
  errors?: Readonly<Record<string, string>>;
  public?: boolean;
}

type OperationMeta = Omit<CommandMeta, 'method'> & { method: RouteMeta['method'] | CommandMeta['method'] };

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
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
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

function parameters(schema: AnyObject | undefined, where: 'path' | 'query'): OpenApiParameter[] {
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

function okResponse(route: OperationMeta): Record<string, unknown> {
  const ok: Record<string, unknown> = {};
  if (route.response !== undefined) {
    const content: Record<string, { schema: JsonSchema }> = {};
    for (const type of route.produces ?? [JSON_MEDIA_TYPE]) {
      const media = type.split(';')[0]?.trim() ?? type;
      content[media] = {
        schema: media === 'application/json' ? toJsonSchema(route.response, 'output') : { type: 'string' },
      };
    }
    ok['200'] = { description: 'OK', content };
  }
  if (route.noContent === true) ok['204'] = { description: 'No content' };
  return ok;
}

function responses(route: OperationMeta, auth: boolean, command: boolean): Record<string, unknown> {
  const input = route.params !== undefined || route.query !== undefined || route.body !== undefined;
  const extra = Object.entries(route.errors ?? {}).map(([status, text]) => [status, problemResponse(text)]);
  return {
    ...okResponse(route),
    ...(input && { '400': problemResponse('Invalid input') }),
    ...((auth || command) && !route.public && { '401': problemResponse('Missing or wrong credentials') }),
    ...(command && !route.public && { '403': problemResponse('The role may not call this route') }),
    '404': problemResponse('Not found'),
    ...Object.fromEntries(extra),
    '500': problemResponse('Internal error (details are in the server log)'),
    '503': problemResponse('Storage unavailable'),
  };
}

function operationId(route: OperationMeta): string {
  const words = openApiPath(route.url)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `${route.method.toLowerCase()}${name || 'Root'}`;
}

/**
 * `command`: a hand-kept route. Those act as a caller (the audit log names it), so they list
 * credentials and 401/403 whatever the token setting; the session cookie is one of them.
 */
function operation(route: OperationMeta, auth: boolean, command: boolean): OpenApiOperation {
  const secured = auth || command;
  const security: Record<string, string[]>[] = command
    ? [{ bearerAuth: [] }, { sessionCookie: [] }]
    : [{ bearerAuth: [] }];
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(route.description !== undefined && { description: route.description }),
    tags: [...route.tags],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body !== undefined && {
      requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(route.body, 'input') } } },
    }),
    responses: responses(route, auth, command),
    ...(secured && { security: route.public ? [] : security }),
  };
}

/**
 * Builds the document for a route table and the hand-kept commands; every route appears once,
 * under its method.
 */
export function buildOpenApi(
  routes: readonly RouteMeta[],
  info: OpenApiInfo,
  commands: readonly CommandMeta[] = COMMAND_OPERATIONS,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const all: (readonly [OperationMeta, boolean])[] = [
    ...routes.map((r) => [r, false] as const),
    ...commands.map((c) => [c, true] as const),
  ];
  for (const [route, command] of all) {
    const path = openApiPath(route.url);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, info.auth, command);
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
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'RASD_API_TOKEN or an API key (rasd apikey create).',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/login.' },
      },
    },
  };
}
