import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AppError, appError, ERROR_CODES, isAppError } from '../core/index.js';
import type { Problem } from './schemas/index.js';

/**
 * Every error leaves the API as RFC 9457 problem JSON (`application/problem+json`):
 * `{ type, title, status, code, detail, pointer? }`. An `AppError` is safe to show and is sent
 * as it is; a Fastify client error (bad JSON, body too large) keeps its status; anything else is
 * a bug, sent as a bare `INTERNAL` and logged with the request id so an operator can find it.
 */

export const PROBLEM_MEDIA_TYPE = 'application/problem+json; charset=utf-8';

/**
 * `type` names the problem kind; `docs/errors.md` describes each code. @NOTE: a URN, because
 * the project has no stable documentation URL yet; switch to a resolvable https URL when it does.
 */
export const PROBLEM_TYPE_BASE = 'urn:rasd:error:';

/** Where an invalid input sits in the request: `/query/limit`, `/params/key`. */
export type InputLocation = 'query' | 'params';

const LOCATION_NAMES: Record<InputLocation, string> = { query: 'query parameter', params: 'path parameter' };

export function problemFromAppError(error: AppError): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    detail: error.detail ?? error.title,
    ...(error.pointer !== undefined && { pointer: error.pointer }),
  };
}

export function unauthorizedProblem(detail: string): Problem {
  return problemFromAppError(appError('UNAUTHORIZED', detail));
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_MEDIA_TYPE).send(problem);
}

/**
 * Turns a failed parse of the query or the path parameters into `INPUT_INVALID` pointing at
 * the first offending parameter, with a sentence that names it and what was expected.
 */
export function invalidRequest(error: z.ZodError, location: InputLocation, accepted: readonly string[]): AppError {
  const issue = error.issues[0];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  const noun = LOCATION_NAMES[location];
  if (issue?.code === 'unrecognized_keys') {
    const name = issue.keys[0] ?? '';
    return new AppError('INPUT_INVALID', {
      detail: `Unknown ${noun} "${name}"${more}; this endpoint accepts: ${accepted.join(', ') || 'none'}.`,
      pointer: `/${location}/${escapePointer(name)}`,
    });
  }
  const path = (issue?.path ?? []).map((p) => escapePointer(String(p)));
  const name = path[0] ?? '';
  const message = issue?.message ?? 'invalid value';
  return new AppError('INPUT_INVALID', {
    detail: `The ${noun} "${name}" is invalid: ${lowerFirst(message)}${more}.`,
    pointer: `/${[location, ...path].join('/')}`,
  });
}

/** RFC 6901: `~` and `/` inside a segment are escaped. */
function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function isFastifyClientError(error: unknown): error is FastifyError & { statusCode: number } {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return (
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof code === 'string' &&
    code.startsWith('FST_')
  );
}

function problemFor(error: unknown, request: FastifyRequest, log: Logger): Problem {
  if (isAppError(error)) {
    if (error.status >= 500) log.error({ reqId: request.id, code: error.code, err: error }, 'request failed');
    return problemFromAppError(error);
  }
  if (isFastifyClientError(error)) {
    const spec = ERROR_CODES.INPUT_INVALID;
    return {
      type: `${PROBLEM_TYPE_BASE}INPUT_INVALID`,
      title: spec.title,
      status: error.statusCode,
      code: 'INPUT_INVALID',
      detail: error.message,
    };
  }
  // Unknown errors may carry SQL, paths or data in their message: log them, never send them.
  log.error({ reqId: request.id, err: error }, 'unexpected error');
  return problemFromAppError(
    new AppError('INTERNAL', {
      detail: `Rasd hit an unexpected error. The server log has the details under request id ${request.id}.`,
    }),
  );
}

/** Paths that look like an unencoded item key get a hint instead of a bare "no such route". */
function notFoundDetail(method: string, path: string): string {
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  if (/^\/v1\/(items|assessments)\/[^/]+\/.+/.test(path)) {
    return `No route ${method} ${shown}. Item keys contain slashes: send the key as one path segment, encoded with encodeURIComponent (e.g. /v1/items/telegram%2F-100123%2F45%2F0).`;
  }
  return `No route ${method} ${shown}. GET /openapi.json lists the routes this server has.`;
}

/** Installs the error and not-found handlers; call before routes are registered. */
export function registerErrorHandling(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((error, request, reply) => {
    sendProblem(reply, problemFor(error, request, log));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    sendProblem(
      reply,
      problemFromAppError(new AppError('NOT_FOUND', { detail: notFoundDetail(request.method, path) })),
    );
  });
}
