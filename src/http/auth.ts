import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Bearer tokens: reading one from a request and comparing it with `RASD_API_TOKEN`. Who may
 * call what is `access.ts` (credentials) and `review/roles.ts` (the role table). Unknown paths
 * need credentials too, so the 404 handler does not tell a stranger which routes exist.
 */

/** Route config flag for OpenAPI (`security: []`); access itself is `review/roles.ts`, and a test keeps the two agreeing. */
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

export function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header)?.[1];
}
