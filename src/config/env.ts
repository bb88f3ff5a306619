/**
 * The only reader of `process.env` in Rasd. Every variable is `RASD_*`; `docs/config.md` lists
 * exactly these, and a test fails when the two drift apart.
 */
export const ENV_VARIABLES = [
  'RASD_CONFIG',
  'RASD_DATABASE_URL',
  'RASD_BUS_URL',
  'RASD_HTTP_HOST',
  'RASD_HTTP_PORT',
  'RASD_POLICY',
  'RASD_LEXICON',
  'RASD_MODEL',
  'RASD_BATCH_SIZE',
  'RASD_MAX_RECORD_BYTES',
  'RASD_LOG_LEVEL',
  'RASD_REVIEW_GRAPHIC_DAILY_CAP',
  'RASD_REVIEW_CLAIM_MINUTES',
  'RASD_API_TOKEN',
  'RASD_TELEGRAM_API_ID',
  'RASD_TELEGRAM_API_HASH',
  'RASD_TELEGRAM_SESSION_KEY',
  'RASD_TELEGRAM_SESSION_FILE',
  'RASD_TELEGRAM_BOT_TOKEN',
  'RASD_TELEGRAM_BOT_API_ROOT',
  'RASD_TELEGRAM_WEBHOOK_SECRET',
  'RASD_TELEGRAM_DRY_RUN',
] as const;

export type EnvVariable = (typeof ENV_VARIABLES)[number];
export type Env = Partial<Record<EnvVariable, string>>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const env: Env = {};
  for (const name of ENV_VARIABLES) {
    const value = source[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  return env;
}
