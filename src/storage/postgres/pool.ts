import pg from 'pg';
import { parse } from 'pg-connection-string';
import { AppError } from '../../core/index.js';

/**
 * One connection pool per process. Sized small by default: a worker mostly waits on the bus
 * and writes in batches, and PostgreSQL's own limit (100 connections) is shared by every
 * process of the deployment, so 10 × N workers must stay under it.
 */

export interface PoolOptions {
  url: string;
  max?: number;
  /** Every statement is cut off after this; a stuck query must not hold a worker for ever. */
  statementTimeoutMs?: number;
  applicationName?: string;
}

export const DEFAULT_POOL_SIZE = 10;

/** `postgres://` and `postgresql://` URLs are PostgreSQL; anything else is a SQLite path. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

/**
 * The startup `options` with `-c jit=off` put first. Rasd's statements are short and many;
 * PostgreSQL's JIT compiles any plan whose estimated cost passes 100,000 — which a key look-up
 * over a month partition without statistics does — and spent 10–20 ms compiling per batch in the
 * scale-out benchmark to run a 0.3 ms query. First, so an operator's own `-c jit=on` still wins.
 */
export function withoutJit(options: string | null | undefined): string {
  return options ? `-c jit=off ${options}` : '-c jit=off';
}

export function createPool(options: PoolOptions): pg.Pool {
  if (!isPostgresUrl(options.url)) {
    throw new AppError('CONFIG_INVALID', {
      detail: `"${redactUrl(options.url)}" is not a postgres:// URL`,
      pointer: 'db.url',
    });
  }
  // The URL parsed as node-postgres parses it, its values over ours as node-postgres would put
  // them, and the startup options merged rather than replaced: an `options=` in the URL (the
  // way to set search_path) must not undo jit=off, and the URL itself is never re-written.
  const fromUrl = parse(options.url);
  const pool = new pg.Pool({
    max: options.max ?? DEFAULT_POOL_SIZE,
    application_name: options.applicationName ?? 'rasd',
    statement_timeout: options.statementTimeoutMs ?? 60_000,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    ...(fromUrl as pg.PoolConfig),
    options: withoutJit(fromUrl.options),
  });
  // An idle client losing its connection (server restart) must not crash the process; the pool
  // drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one client, committing on success and rolling back on error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
