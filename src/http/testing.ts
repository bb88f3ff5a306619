import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { type AppContext, afterScanBatch, createEmbeddedContext, openStore } from '../app/index.js';
import { createTestDatabase, onPostgres } from '../app/testing.js';
import { type ItemInput, newId, ROLES, type Role } from '../core/index.js';
import { generateApiKey } from '../review/api-keys.js';
import { scanSources } from '../scan/index.js';
import { type RunningServer, startServer } from './server.js';

/**
 * Test support for the HTTP suites (not part of the API): a real embedded context on a
 * temporary SQLite file, seeded by scanning a JSONL file of harmless synthetic items through
 * the real scanner, then served over real HTTP on a free loopback port.
 */

/**
 * http/ may not import config/ or the logger (test/architecture.test.ts), so test files hand
 * in `loadConfig` and `createLoggers`: `{ setup: { loadConfig, createLoggers } }`.
 */
export interface TestSetup {
  loadConfig(env: Record<string, never>, overrides: { db: { url: string } }): AppContext['config'];
  createLoggers(level: string, destination: NodeJS.WritableStream): AppContext['log'];
}

/**
 * Seven items in two chats. Texts are harmless: Rasd's test marker stands in for content the
 * policy flags (`RASD-TEST-MARKER` → violating, `…:0.6` → review). Six fall in 2024 Q4.
 */
export const SEED_ITEMS: readonly ItemInput[] = [
  item('-1001', 'Demo A', '1', '2024-10-05T10:00:00Z', 'hello world'),
  item('-1001', 'Demo A', '2', '2024-10-06T10:00:00Z', 'look: RASD-TEST-MARKER'),
  item('-1001', 'Demo A', '3', '2024-11-02T10:00:00Z', 'maybe RASD-TEST-MARKER:praise:0.6'),
  item('-1001', 'Demo A', '4', '2024-11-03T10:00:00Z', 'good morning'),
  item('-1002', 'Demo B', '1', '2024-12-01T10:00:00Z', 'RASD-TEST-MARKER:incitement'),
  item('-1002', 'Demo B', '2', '2024-12-02T10:00:00+03:00', 'the weather today'),
  item('-1002', 'Demo B', '3', '2025-01-10T10:00:00Z', 'happy new year'),
];

function item(chatId: string, title: string, messageId: string, postedAt: string, text: string): ItemInput {
  return { platform: 'telegram', chat: { id: chatId, title, type: 'channel' }, messageId, postedAt, text };
}

export interface TestServerOptions {
  setup: TestSetup;
  apiToken?: string;
  items?: readonly ItemInput[];
}

export interface TestServer {
  ctx: AppContext;
  server: RunningServer;
  url: string;
  /** Every log line the context wrote, as parsed JSON. */
  logs: Record<string, unknown>[];
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

function captureLogs(): { logs: Record<string, unknown>[]; stream: Writable } {
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logs, stream };
}

/** A seeded context without a server, for tests that start their own. */
export async function createSeededContext(
  options: TestServerOptions,
): Promise<{ ctx: AppContext; logs: Record<string, unknown>[]; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rasd-http-'));
  const { logs, stream } = captureLogs();
  // The `http-on-postgres` test project runs these suites again on a PostgreSQL database of
  // their own (vitest.config.ts), so the API is tested on both stores, not only the ports.
  const database = onPostgres ? await createTestDatabase('http') : undefined;
  const config = options.setup.loadConfig({}, { db: { url: database?.url ?? join(dir, 'rasd.db') } });
  const secrets = options.apiToken === undefined ? {} : { apiToken: options.apiToken };
  const store = await openStore(config);
  const ctx = await createEmbeddedContext(config, secrets, {
    log: options.setup.createLoggers('info', stream),
    ...(store !== undefined && { store }),
  });
  const path = join(dir, 'items.jsonl');
  await writeFile(path, `${(options.items ?? SEED_ITEMS).map((i) => JSON.stringify(i)).join('\n')}\n`);
  await scanSources({
    sources: [ctx.source(path)],
    scanner: ctx.scanner,
    store: ctx.store,
    runId: newId('run'),
    batchSize: 100,
    afterSave: afterScanBatch(ctx),
  });
  const dispose = async (): Promise<void> => {
    await ctx.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  };
  return { ctx, logs, dispose };
}

/** Starts a seeded server on 127.0.0.1 and a free port, checking every response against its schema. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const { ctx, logs, dispose } = await createSeededContext(options);
  const server = await startServer(ctx, { port: 0, checkResponses: true });
  return {
    ctx,
    server,
    url: server.url,
    logs,
    get: (path, init) => fetch(`${server.url}${path}`, init),
    close: async () => {
      await server.close();
      await dispose();
    },
  };
}

/** `/v1/items/<encoded key>`: item keys contain slashes, so they travel as one encoded segment. */
export function itemPath(key: string, resource: 'items' | 'assessments' = 'items'): string {
  return `/v1/${resource}/${encodeURIComponent(key)}`;
}

/** Asserts an RFC 9457 problem response and returns its body. */
export async function readProblem(response: Response): Promise<Record<string, unknown>> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got "${type}" (status ${response.status})`);
  }
  const body = (await response.json()) as Record<string, unknown>;
  if (body.status !== response.status) throw new Error(`problem status ${String(body.status)} != ${response.status}`);
  return body;
}

/** One API key per role in `store`, as the `Authorization` header each role sends. */
export async function apiKeyHeaders(
  store: Pick<AppContext['store'], 'createApiKey'>,
): Promise<Record<Role, Record<string, string>>> {
  const headers = {} as Record<Role, Record<string, string>>;
  for (const role of ROLES) {
    const secret = generateApiKey();
    await store.createApiKey({ id: secret.id, name: role, role, keyHash: secret.keyHash });
    headers[role] = { authorization: `Bearer ${secret.key}` };
  }
  return headers;
}

/** `get` and JSON `post` as a role; `baseUrl` is read per call, so it may be set in `beforeAll`. */
export function asRole(baseUrl: () => string, headers: () => Record<Role, Record<string, string>>) {
  return {
    get: (path: string, role: Role) => fetch(`${baseUrl()}${path}`, { headers: headers()[role] }),
    post: (path: string, role: Role, body: unknown = {}) =>
      fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        headers: { ...headers()[role], 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

/**
 * A seeded server for a whole test file, with one API key per role: registers the file's
 * `beforeAll`/`afterAll`, and hands back role-bound `get`/`post` and the live context and url.
 * The rate limit is raised: these files call many routes in a row as many roles.
 */
export function seededRoleServer(options: TestServerOptions): {
  get: ReturnType<typeof asRole>['get'];
  post: ReturnType<typeof asRole>['post'];
  ctx: () => AppContext;
  url: () => string;
} {
  let seeded: Awaited<ReturnType<typeof createSeededContext>> | undefined;
  let server: RunningServer | undefined;
  let keys = {} as Record<Role, Record<string, string>>;
  beforeAll(async () => {
    seeded = await createSeededContext(options);
    keys = await apiKeyHeaders(seeded.ctx.store);
    server = await startServer(seeded.ctx, { port: 0, limits: { apiRate: { capacity: 1000, perSecond: 100 } } });
  });
  afterAll(async () => {
    await server?.close();
    await seeded?.dispose();
  });
  const url = (): string => {
    if (server === undefined) throw new Error('the server starts in beforeAll');
    return server.url;
  };
  const ctx = (): AppContext => {
    if (seeded === undefined) throw new Error('the context is made in beforeAll');
    return seeded.ctx;
  };
  return { ...asRole(url, () => keys), ctx, url };
}
