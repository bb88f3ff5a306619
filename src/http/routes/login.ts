import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/index.js';
import { AppError, appError, invalidInput } from '../../core/index.js';
import { generateSessionId, hashApiKey } from '../../review/api-keys.js';
import { appendAudit } from '../../review/audit-log.js';
import { LoginThrottle, type ThrottleOptions } from '../../review/login-throttle.js';
import { verifyAgainstNobody, verifyPassword } from '../../review/passwords.js';
import { USER_NAME_PATTERN } from '../../review/user-name.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { clearSessionCookie, SESSION_TTL_MS, sessionIdOf, setSessionCookie } from '../session-cookie.js';

/**
 * Password login for the web: `POST /api/login` sets the session cookie, `POST /api/logout`
 * ends it. A wrong password and an unknown user get the same answer in the same time, and
 * failures per username and address are throttled. Every attempt lands in the audit log;
 * never the password, and a claimed username only when it could be one (not a mistyped
 * password in the wrong field).
 */

const loginBody = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();
const WRONG = 'wrong username or password';

function claimed(username: string): string {
  return USER_NAME_PATTERN.test(username) ? username : '(not a user name)';
}

export interface LoginOptions {
  throttle?: ThrottleOptions;
}

export function registerLoginRoutes(app: FastifyInstance, ctx: AppContext, options: LoginOptions = {}): void {
  const throttle = new LoginThrottle(options.throttle);
  const store = ctx.store;

  app.post('/api/login', async (request, reply) => {
    const parsed = loginBody.safeParse(request.body);
    if (!parsed.success) throw invalidInput('send JSON {"username": "…", "password": "…"}', '/body');
    const { username, password } = parsed.data;
    const key = LoginThrottle.key(username, request.ip);
    const wait = throttle.retryAfterMs(key);
    if (wait > 0) {
      await appendAudit(store, {
        actor: `ip:${request.ip}`,
        action: 'login.throttled',
        target: claimed(username),
        reason: 'too many failed logins for this user from this address',
      });
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      throw appError('RATE_LIMITED', 'too many failed logins; wait before trying again');
    }
    const user = await store.getUserByName(username);
    const ok =
      user !== undefined && !user.disabled
        ? await verifyPassword(password, user.passwordHash)
        : await verifyAgainstNobody(password);
    if (!ok || user === undefined) {
      throttle.fail(key);
      await appendAudit(store, {
        actor: `ip:${request.ip}`,
        action: 'login.failure',
        target: claimed(username),
        reason: WRONG,
      });
      throw new AppError('UNAUTHORIZED', { detail: WRONG });
    }
    throttle.succeed(key);
    const session = generateSessionId();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
    await store.createSession({ idHash: session.idHash, userId: user.id, expiresAt });
    await appendAudit(store, {
      actor: `user:${user.name}`,
      action: 'login.success',
      target: user.name,
      reason: 'password login',
      details: { ip: request.ip, role: user.role },
    });
    setSessionCookie(request, reply, session.id);
    reply.type(JSON_MEDIA_TYPE);
    return { username: user.name, role: user.role, expiresAt };
  });

  app.post('/api/logout', async (request, reply) => {
    const principal = requirePrincipal(request);
    const id = sessionIdOf(request);
    if (id !== undefined) {
      await store.deleteSession(hashApiKey(id));
      clearSessionCookie(request, reply);
      await appendAudit(store, { actor: principal.actor, action: 'logout', reason: 'logged out' });
    }
    return reply.code(204).send();
  });
}
