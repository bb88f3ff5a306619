import type { Env } from './env.js';

/** Secrets live apart from config so that printing a config can never leak them. */
export interface Secrets {
  /** Bearer token required by the HTTP API when set; without it the API only binds to loopback. */
  apiToken?: string;
}

export function loadSecrets(env: Env): Secrets {
  return env.RASD_API_TOKEN ? { apiToken: env.RASD_API_TOKEN } : {};
}
