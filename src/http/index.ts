/**
 * The HTTP API: `startServer(ctx, { host, port })` listens; `buildServer(ctx)` builds without
 * listening (for `inject`). Schemas under `./schemas/index.js` are the API's source of truth.
 * @example
 *   const server = await startServer(ctx, { port: 0 });
 *   await fetch(`${server.url}/health`);
 *   await server.close();
 */
export { buildOpenApi, type OpenApiDocument } from './openapi.js';
export type { Route, RouteMeta } from './route.js';
export {
  apiRoutes,
  buildServer,
  isLoopbackHost,
  type RunningServer,
  type ServerOptions,
  type StartOptions,
  startServer,
} from './server.js';
