import type { FastifyInstance } from 'fastify';

/**
 * Headers on every response, errors and 404s included. API data is never cached (it names
 * flagged items), JSON is never sniffed into HTML, and nothing may frame the API. HTML routes
 * set their own Content-Security-Policy; everything else gets one that allows nothing.
 */

/** For HTML that Rasd renders itself: inline styles and data: images (charts), nothing else. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cache-control', 'no-store');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', DATA_CSP);
    return payload;
  });
}
