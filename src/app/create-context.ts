import { type ConfigInput, loadConfig, loadSecrets, readEnv } from '../config/index.js';
import type { AppContext } from './context.js';
import { createEmbeddedContext } from './presets/embedded.js';

/**
 * Reads config once (file + RASD_* + overrides) and builds the context of the preset it names.
 * Today that is always the embedded preset; the scaled one joins with PostgreSQL and NATS.
 */
export async function createContext(overrides: ConfigInput = {}): Promise<AppContext> {
  const env = readEnv();
  const config = loadConfig(env, overrides);
  return createEmbeddedContext(config, loadSecrets(env));
}
