import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/index.js';
import { AppError, appError, type Role } from '../core/index.js';
import { hashApiKey } from '../review/api-keys.js';
import { accessOf, mayCall } from '../review/roles.js';
import { type BucketOptions, TokenBuckets } from '../review/token-bucket.js';
import { presentedToken, tokenMatches } from './auth.js';
import { problemFromAppError, sendProblem, unauthorizedProblem } from './error-handler.js';
import { sessionIdOf } from './session-cookie.js';

/**
 * Who is calling, and may they. Credentials, in order: `Authorization: Bearer` with
 * RASD_API_TOKEN (an admin, as before users existed) or an API key; else the session cookie of
 * a password login. Every route is checked against the one table in `review/roles.ts`.
 *
 * Open mode: with no RASD_API_TOKEN and no user or live key in the store, nothing is asked
 * (a laptop on loopback, as before); the first user or key created locks the server.
 */

export interface Principal {
  /** For the audit log: `token`, `key:ID`, `user:NAME`, or `anonymous` in open mode. */
  actor: string;
  role: Role;
  /** What the API rate limit counts against. */
  credential: string;
  /** A partner's platforms (`people-ports.ts`): the referral batches it may read. Staff have none. */
  partner?: readonly string[];
}

const OPEN: Principal = { actor: 'anonymous', role: 'admin', credential: 'anonymous' };
const principals = new WeakMap<FastifyRequest, Principal>();

/** The caller of a request that passed the access check (public routes have none). */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

export interface AccessOptions {
  /** Per-credential token bucket for the API; default 120 requests burst, 20 a second. */
  apiRate?: BucketOptions;
}

function refuse(reply: FastifyReply, code: 'FORBIDDEN' | 'RATE_LIMITED', detail: string): FastifyReply {
  return sendProblem(reply, problemFromAppError(appError(code, detail)));
}

function unauthorized(reply: FastifyReply, detail: string, invalid: boolean): FastifyReply {
  reply.header('www-authenticate', `Bearer realm="rasd"${invalid ? ', error="invalid_token"' : ''}`);
  return sendProblem(reply, unauthorizedProblem(detail));
}

async function bearerPrincipal(ctx: AppContext, token: string): Promise<Principal | undefined> {
  const apiToken = ctx.secrets.apiToken;
  if (apiToken !== undefined && apiToken !== '' && tokenMatches(token, apiToken)) {
    return { actor: 'token', role: 'admin', credential: 'token' };
  }
  const key = await ctx.store.findApiKey(hashApiKey(token));
  if (key === undefined || key.revokedAt !== undefined) return undefined;
  return {
    actor: `key:${key.id}`,
    role: key.role,
    credential: `key:${key.id}`,
    ...(key.partner !== undefined && { partner: key.partner }),
  };
}

async function sessionPrincipal(ctx: AppContext, id: string): Promise<Principal | undefined> {
  const user = await ctx.store.findSessionUser(hashApiKey(id), new Date().toISOString());
  if (user === undefined) return undefined;
  return {
    actor: `user:${user.name}`,
    role: user.role,
    credential: `user:${user.id}`,
    ...(user.partner !== undefined && { partner: user.partner }),
  };
}

export function registerAccess(app: FastifyInstance, ctx: AppContext, options: AccessOptions = {}): void {
  const buckets = new TokenBuckets(options.apiRate ?? { capacity: 120, perSecond: 20 });
  app.addHook('onRequest', async (request, reply) => {
    // routeOptions.url is undefined for a path no route matches: any valid caller then gets its 404.
    const url = request.routeOptions.url;
    const access = url === undefined ? undefined : accessOf(request.method, url);
    if (access === 'public') return;
    const locked =
      (ctx.secrets.apiToken !== undefined && ctx.secrets.apiToken !== '') || (await ctx.store.hasPrincipals());
    if (!locked) {
      principals.set(request, OPEN);
      return;
    }
    const token = presentedToken(request);
    const sessionId = token === undefined ? sessionIdOf(request) : undefined;
    let principal: Principal | undefined;
    if (token !== undefined) {
      principal = await bearerPrincipal(ctx, token);
      if (principal === undefined) {
        return unauthorized(reply, 'The bearer token is neither RASD_API_TOKEN nor a live API key.', true);
      }
    } else if (sessionId !== undefined) {
      principal = await sessionPrincipal(ctx, sessionId);
      if (principal === undefined) return unauthorized(reply, 'The session has expired or ended: log in again.', false);
    } else {
      return unauthorized(
        reply,
        'This API needs credentials: send "Authorization: Bearer <token>" (RASD_API_TOKEN or an API key), or log in at POST /api/login.',
        false,
      );
    }
    if (url !== undefined && !mayCall(principal.role, access)) {
      return refuse(reply, 'FORBIDDEN', `the ${principal.role} role may not call ${request.method} ${url}`);
    }
    const wait = buckets.take(principal.credential);
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      return refuse(reply, 'RATE_LIMITED', 'too many requests for this credential; slow down');
    }
    principals.set(request, principal);
  });
}

/** For handlers that need a caller; the access hook has already refused anyone else. */
export function requirePrincipal(request: FastifyRequest): Principal {
  const principal = principalOf(request);
  if (principal === undefined) throw new AppError('UNAUTHORIZED', { detail: 'no credentials on this request' });
  return principal;
}
