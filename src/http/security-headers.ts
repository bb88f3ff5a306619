import type { FastifyInstance } from 'fastify';

/**
 * Headers on every response, errors and 404s included. API data is never cached (it names
 * flagged items), JSON is never sniffed into HTML, and nothing may frame the API. HTML routes
 * set their own Content-Security-Policy; everything else gets one that allows nothing.
 */

/** For HTML that Rasd renders itself: inline styles and data: images (charts), nothing else. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Same-origin scripts and styles only; previews are same-origin images; nothing may frame it. */
export const WEB_APP_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cache-control', 'no-store');
    if (!reply.hasHeader('content-security-policy')) {
      // The dashboard's own files run scripts from this origin; everything else may run nothing.
      const app = request.url === '/app' || request.url.startsWith('/app/');
      reply.header('content-security-policy', app ? WEB_APP_CSP : DATA_CSP);
    }
    return payload;
  });
}
