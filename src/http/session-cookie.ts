import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web session cookie, without a cookie plugin: one name, one opaque value. HttpOnly so
 * page scripts cannot read it, SameSite=Strict so no other site can make the browser send it
 * (the API's writes need no CSRF token then), Secure when the request came over HTTPS.
 */

export const SESSION_COOKIE = 'rasd_session';
/** How long a login lasts; a new login is needed after. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,128}$/.test(value) ? value : undefined;
  }
  return undefined;
}

function attributes(request: FastifyRequest, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=${id}; ${attributes(request, SESSION_TTL_MS / 1000)}`);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; ${attributes(request, 0)}`);
}
