import Fastify from 'fastify';
import type { AppContext } from '../app/index.js';
import { AppError } from '../core/index.js';
import { registerProbeRoutes } from './routes/operations.js';
import { isLoopbackHost } from './server.js';

/**
 * A worker's own small HTTP listener: `/metrics` for Prometheus, `/ready` and `/health` for the
 * orchestrator, and nothing else — a worker holds no API. It has no credentials, so it binds to
 * loopback unless told otherwise (then put it behind the deployment's network policy): metrics
 * are counts and timings, never content, but they are still the operator's.
 */
export async function startProbeServer(
  ctx: AppContext,
  options: { host?: string; port: number },
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  registerProbeRoutes(app, ctx);
  try {
    await app.listen({ host, port: options.port });
  } catch (cause) {
    await app.close();
    throw new AppError('CONFIG_INVALID', { detail: `cannot listen on ${host}:${options.port}`, cause });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  if (!isLoopbackHost(host))
    ctx.log.http.warn({ host, port }, 'worker probes listen beyond loopback without credentials');
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
