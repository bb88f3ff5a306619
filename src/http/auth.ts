import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendProblem, unauthorizedProblem } from './error-handler.js';

/**
 * Bearer-token auth, on when `RASD_API_TOKEN` is set. Every route needs the token except the
 * ones marked public (`/health`, so a load balancer can probe without a secret). Unknown paths
 * need it too, so the 404 handler does not tell a stranger which routes exist.
 */

/** Route config flag: `config: { public: true }` lets a route through without a token. */
export interface RouteAccess {
  public?: boolean;
}

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Compares digests, not the strings: both are 32 bytes whatever the lengths, so neither the
 * comparison nor an early length check reveals how much of the token a guess got right.
 */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header)?.[1];
}

function isPublic(request: FastifyRequest): boolean {
  return (request.routeOptions.config as RouteAccess | undefined)?.public === true;
}

export function registerAuth(app: FastifyInstance, apiToken: string | undefined): void {
  if (apiToken === undefined || apiToken === '') return;
  app.addHook('onRequest', async (request, reply) => {
    if (isPublic(request)) return;
    const token = presentedToken(request);
    if (token !== undefined && tokenMatches(token, apiToken)) return;
    const error = token === undefined ? '' : ', error="invalid_token"';
    reply.header('www-authenticate', `Bearer realm="rasd"${error}`);
    const detail =
      token === undefined
        ? 'This API needs a token: send "Authorization: Bearer <token>" with the value of RASD_API_TOKEN.'
        : 'The bearer token is not the one this server was started with (RASD_API_TOKEN).';
    return sendProblem(reply, unauthorizedProblem(detail));
  });
}
