import { type ConfigInput, loadConfig, loadSecrets, readEnv } from '../config/index.js';
import { SqliteStore } from '../storage/sqlite/index.js';
import type { AppContext } from './context.js';
import { createEmbeddedContext, sqlitePath } from './presets/embedded.js';
import { openBus, openStore } from './presets/scaled.js';
import { auditSettingChange } from './setting-audit.js';

export interface CreateContextOptions {
  /** Open the database read-only: nothing is written, not even a `setting.change` audit entry. */
  readonly?: boolean;
  /** Time each signal provider per item into the metrics (workers). */
  providerTiming?: boolean;
}

/**
 * Reads config once (file + RASD_* + overrides) and builds the context of the preset it names.
 * The adapters follow the URLs: PostgreSQL for `postgres://`, NATS JetStream for `nats://`
 * (`presets/scaled.ts`), SQLite and the in-process bus otherwise; the rest is the same code.
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
    // PostgreSQL has no read-only open here; read-only then only means nothing is audited.
    const store =
      (await openStore(config)) ?? (await SqliteStore.open({ path: sqlitePath(config.db.url), readonly: true }));
    return createEmbeddedContext(config, loadSecrets(env), { store });
  }
  const bus = await openBus(config);
  let ctx: AppContext;
  try {
    const store = await openStore(config);
    ctx = await createEmbeddedContext(config, loadSecrets(env), {
      ...(bus !== undefined && { bus }),
      ...(store !== undefined && { store }),
      ...(options.providerTiming !== undefined && { providerTiming: options.providerTiming }),
    }).catch(async (error: unknown) => {
      await store?.close();
      throw error;
    });
  } catch (error) {
    // Nothing owns the connections yet: a bad model path must not leave a NATS client running.
    await bus?.close();
    throw error;
  }
  try {
    await auditSettingChange(ctx.store, config);
  } catch (error) {
    await ctx.close();
    throw error;
  }
  return ctx;
}
