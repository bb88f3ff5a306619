import type { ConfigInput } from '../app/index.js';

/** Flags every command shares. `--db` beats RASD_DATABASE_URL, which beats the config file. */
export interface CommonOptions {
  db?: string;
  /** Why a change is made, for the audit log (commands that change something). */
  reason?: string;
}

export function configOverrides(options: CommonOptions): ConfigInput {
  return options.db ? { db: { url: options.db } } : {};
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}
