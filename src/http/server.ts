import { isIPv4 } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app/index.js';
import { VERSION } from '../app/index.js';
import { AppError, appError } from '../core/index.js';
import { type AccessOptions, registerAccess } from './access.js';
import { registerErrorHandling } from './error-handler.js';
import { buildOpenApi, type OpenApiDocument } from './openapi.js';
import type { RegisterOptions, Route } from './route.js';
import { registerBankAddRoutes } from './routes/cases-bank-add.js';
import { registerCaseReviewRoutes } from './routes/cases-review.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { registerDsaRoutes } from './routes/dsa.js';
import { registerHmaRoutes } from './routes/hma.js';
import { API_ROUTES, openApiRoute } from './routes/index.js';
import { type LoginOptions, registerLoginRoutes } from './routes/login.js';
import { registerNetworkRoutes } from './routes/network.js';
import { registerOperationRoutes } from './routes/operations.js';
import { registerReferralOutcomeRoutes } from './routes/referral-outcomes.js';
import { registerReferralRoutes } from './routes/referrals.js';
import { registerRemovalOrderRoutes } from './routes/removal-orders.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerWebApp } from './web-app.js';
import { registerWriteAudit } from './write-audit.js';

/**
 * The HTTP API over an AppContext: Fastify, one file per resource under `routes/`, zod schemas
 * under `schemas/`, problem JSON for every error; credentials and the role table (`access.ts`,
 * `review/roles.ts`) once RASD_API_TOKEN is set or a user or API key exists.
 */

export interface ServerOptions extends RegisterOptions {
  /** Log each request through `ctx.log.http` (ids, method, route and status; never bodies). */
  logger?: boolean;
  /** Rate limits (tests make them small): the API's token bucket and the login throttle. */
  limits?: AccessOptions & LoginOptions;
}

export interface StartOptions extends ServerOptions {
  /** Defaults to `ctx.config.http.host` (127.0.0.1). */
  host?: string;
  /** Defaults to `ctx.config.http.port`; 0 picks a free port. */
  port?: number;
}

export interface RunningServer extends AsyncDisposable {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8080`. */
  url: string;
  close(): Promise<void>;
}

/** Item keys hold a platform, a chat id of up to 128 characters and a message id, encoded. */
const MAX_PARAM_LENGTH = 2048;

/** Every route the server registers, `/openapi.json` included, with its OpenAPI document. */
export function apiRoutes(ctx: AppContext): { routes: Route[]; document: OpenApiDocument } {
  let document: OpenApiDocument | undefined;
  // The document lists /openapi.json too, so the route reads it lazily, once it exists.
  const routes: Route[] = [...API_ROUTES, openApiRoute(() => document as OpenApiDocument)];
  document = buildOpenApi(
    routes.map((route) => route.meta),
    {
      title: 'Rasd API',
      version: VERSION,
      description:
        'Read access to items, assessments, channels, cases, actions and reports. Errors are RFC 9457 problem JSON.',
      auth: ctx.secrets.apiToken !== undefined && ctx.secrets.apiToken !== '',
    },
  );
  return { routes, document };
}

/**
 * Builds the server without listening, for `inject()` or for `startServer`.
 * @example const app = buildServer(ctx); const res = await app.inject({ url: '/health' });
 */
export function buildServer(ctx: AppContext, options: ServerOptions = {}): FastifyInstance {
  const app: FastifyInstance = Fastify({
    bodyLimit: ctx.config.http.bodyLimitBytes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    ...(options.logger === true ? { loggerInstance: ctx.log.http as FastifyBaseLogger } : { logger: false }),
  });
  registerSecurityHeaders(app);
  // Who may call what: credentials, then the role table (review/roles.ts), then the rate limit.
  registerAccess(app, ctx, options.limits);
  registerWriteAudit(app, ctx);
  registerLoginRoutes(app, ctx, options.limits);
  // Like login, the review commands take JSON bodies and a caller, which the read-only route table
  // (and so the OpenAPI document) does not describe yet.
  registerCaseReviewRoutes(app, ctx);
  registerBankAddRoutes(app, ctx);
  registerReferralRoutes(app, ctx);
  registerReferralOutcomeRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerOperationRoutes(app, ctx);
  registerDsaRoutes(app, ctx);
  registerRemovalOrderRoutes(app, ctx);
  registerNetworkRoutes(app, ctx);
  registerWebApp(app);
  registerErrorHandling(app, ctx.log.http);
  const registerOptions: RegisterOptions = { checkResponses: options.checkResponses === true };
  // Routes load as a plugin at `ready()`, after any `onRoute` hook a caller adds (tests list them).
  void app.register(async (api) => {
    for (const route of apiRoutes(ctx).routes) route.register(api, ctx, registerOptions);
  });
  // HMA's routes keep HMA's shapes rather than Rasd's route table; off unless hma.roles is set.
  registerHmaRoutes(app, ctx);
  return app;
}

/** 127.0.0.0/8, ::1 and `localhost`; `0.0.0.0` and `::` are every interface, not loopback. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return isIPv4(v4) && v4.startsWith('127.');
}

function baseUrl(host: string, port: number): string {
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/**
 * Listens on `host:port`. Refuses (AppError `CONFIG_INVALID`) to bind anything but loopback
 * without an API token: the API lists flagged items, and a LAN is not an access control.
 */
export async function startServer(ctx: AppContext, options: StartOptions = {}): Promise<RunningServer> {
  const host = options.host ?? ctx.config.http.host;
  const port = options.port ?? ctx.config.http.port;
  if (!isLoopbackHost(host) && !ctx.secrets.apiToken && !(await ctx.store.hasPrincipals())) {
    throw appError(
      'CONFIG_INVALID',
      `refusing to serve on ${host} without an API token, because anyone who can reach it could read every item. ` +
        'Set RASD_API_TOKEN, create a user (rasd user add) or API key (rasd apikey create), or bind to 127.0.0.1 (RASD_HTTP_HOST).',
      'http.host',
    );
  }
  const app = buildServer(ctx, { ...options, logger: options.logger ?? true });
  try {
    await app.listen({ host, port });
  } catch (cause) {
    await app.close();
    throw new AppError('CONFIG_INVALID', {
      detail: `cannot listen on ${host}:${port} (${(cause as Error).message}); pick another --port or RASD_HTTP_PORT`,
      pointer: 'http.port',
      cause,
    });
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const close = async (): Promise<void> => {
    await app.close();
  };
  return { url: baseUrl(host, actualPort), close, [Symbol.asyncDispose]: close };
}
