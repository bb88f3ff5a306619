import { type ConfigInput, loadConfig, loadSecrets, readEnv } from '../config/index.js';
import { SqliteStore } from '../storage/sqlite/index.js';
import type { AppContext } from './context.js';
import { createEmbeddedContext, sqlitePath } from './presets/embedded.js';
import { auditSettingChange } from './setting-audit.js';

export interface CreateContextOptions {
  /** Open the database read-only: nothing is written, not even a `setting.change` audit entry. */
  readonly?: boolean;
}

/**
 * Reads config once (file + RASD_* + overrides) and builds the context of the preset it names.
 * Today that is always the embedded preset; the scaled one joins with PostgreSQL and NATS.
 * A writable context records changed settings in the audit log before anything else runs, so
 * every action that follows in the log is read against the settings it ran under.
 */
export async function createContext(
  overrides: ConfigInput = {},
  options: CreateContextOptions = {},
): Promise<AppContext> {
  const env = readEnv();
  const config = loadConfig(env, overrides);
  if (options.readonly) {
    const store = await SqliteStore.open({ path: sqlitePath(config.db.url), readonly: true });
    return createEmbeddedContext(config, loadSecrets(env), { store });
  }
  const ctx = await createEmbeddedContext(config, loadSecrets(env));
  try {
    await auditSettingChange(ctx.store, config);
  } catch (error) {
    await ctx.close();
    throw error;
  }
  return ctx;
}
