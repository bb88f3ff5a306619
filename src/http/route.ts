import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../app/index.js';
import { AppError, isAppError } from '../core/index.js';
import type { RouteAccess } from './auth.js';
import { type InputLocation, invalidRequest } from './error-handler.js';

/**
 * A route is data first: method, URL, summary, tags and the zod schemas of its path
 * parameters, query and response. The server registers it from that data and the OpenAPI
 * document is generated from the same data, so the two cannot drift apart.
 */

export const JSON_MEDIA_TYPE = 'application/json; charset=utf-8';

type AnyObject = z.ZodObject<z.ZodRawShape>;
type NoInput = z.ZodObject<Record<string, never>>;

export interface RouteMeta {
  method: 'GET';
  /** Fastify pattern, e.g. `/v1/items/:key`. */
  url: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: AnyObject;
  query?: AnyObject;
  /** The JSON body of a 200, or a string schema for routes that only send text. */
  response: z.ZodType;
  /** Media types a 200 may have; JSON unless listed. */
  produces?: readonly string[];
  /** True for routes that need no token even when one is configured. */
  public?: boolean;
}

/** A body that is already rendered (CSV, HTML, pre-serialised JSON) with its media type. */
export class RawBody {
  constructor(
    readonly body: string,
    readonly contentType: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

export interface HandlerInput<P, Q> {
  params: P;
  query: Q;
  ctx: AppContext;
}

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, R extends z.ZodType> extends RouteMeta {
  params?: P;
  query?: Q;
  response: R;
  handle(input: HandlerInput<z.output<P>, z.output<Q>>): Promise<z.output<R> | RawBody>;
}

export interface RegisterOptions {
  /** Validate every JSON response against its schema (tests); a mismatch is a 500. */
  checkResponses?: boolean;
}

export interface Route {
  readonly meta: RouteMeta;
  register(app: FastifyInstance, ctx: AppContext, options: RegisterOptions): void;
}

function parseInput<S extends AnyObject>(schema: S | undefined, value: unknown, location: InputLocation): z.output<S> {
  if (schema === undefined) return {} as z.output<S>;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw invalidRequest(parsed.error, location, Object.keys(schema.shape));
  return parsed.data;
}

/**
 * Stores name a bad input by its bare name (`cursor`); on the wire it is a query parameter,
 * so the pointer is rewritten to `/query/cursor` when the route has such a parameter.
 */
function locate(error: unknown, query: AnyObject | undefined): unknown {
  if (!isAppError(error) || error.code !== 'INPUT_INVALID' || error.pointer === undefined) return error;
  if (query === undefined || !(error.pointer in query.shape)) return error;
  return new AppError('INPUT_INVALID', {
    ...(error.detail !== undefined && { detail: error.detail }),
    pointer: `/query/${error.pointer}`,
    cause: error,
  });
}

function checkResponse(schema: z.ZodType, body: unknown, url: string): void {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INTERNAL', {
      detail: `response of ${url} does not match its schema at /${issue?.path.join('/') ?? ''}: ${issue?.message ?? ''}`,
    });
  }
}

/** Declares a route; the handler receives the parsed params and query, typed from the schemas. */
export function defineRoute<
  P extends AnyObject = NoInput,
  Q extends AnyObject = NoInput,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<P, Q, R>): Route {
  const { handle, ...meta } = spec;
  const register = (app: FastifyInstance, ctx: AppContext, options: RegisterOptions): void => {
    const config: RouteAccess = { public: meta.public === true };
    app.route({
      method: meta.method,
      url: meta.url,
      config,
      handler: async (request, reply) => {
        const params = parseInput(spec.params, request.params, 'params');
        const query = parseInput(spec.query, request.query, 'query');
        let result: z.output<R> | RawBody;
        try {
          result = await handle({ params, query, ctx });
        } catch (error) {
          throw locate(error, spec.query);
        }
        if (result instanceof RawBody) {
          if (options.checkResponses && result.contentType.startsWith('application/json')) {
            checkResponse(meta.response, JSON.parse(result.body), meta.url);
          }
          reply.headers(result.headers).type(result.contentType);
          return result.body;
        }
        if (options.checkResponses) checkResponse(meta.response, result, meta.url);
        reply.type(JSON_MEDIA_TYPE);
        return result;
      },
    });
  };
  return { meta, register };
}
