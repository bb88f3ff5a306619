import type { Env } from './env.js';

/** Secrets live apart from config so that printing a config can never leak them. */
export interface Secrets {
  /** Bearer token required by the HTTP API when set; without it the API only binds to loopback. */
  apiToken?: string;
  /** Live Telegram (issue 8); each part only when its variable is set. */
  telegram?: TelegramSecrets;
}

export interface TelegramSecrets {
  /** From my.telegram.org; the api id is not secret by itself but travels with the hash. */
  apiId?: number;
  apiHash?: string;
  /** Encrypts the saved MTProto session: 64 hex chars, base64 of 32 bytes, or a passphrase. */
  sessionKey?: string;
  /** From @BotFather. */
  botToken?: string;
  /** Telegram sends it in `X-Telegram-Bot-Api-Secret-Token` on each webhook call. */
  webhookSecret?: string;
}

export function loadSecrets(env: Env): Secrets {
  const secrets: Secrets = env.RASD_API_TOKEN ? { apiToken: env.RASD_API_TOKEN } : {};
  const telegram: TelegramSecrets = {};
  const apiId = Number(env.RASD_TELEGRAM_API_ID);
  // A malformed api id is left out rather than thrown here: the command that needs it says what is missing.
  if (Number.isSafeInteger(apiId) && apiId > 0) telegram.apiId = apiId;
  if (env.RASD_TELEGRAM_API_HASH) telegram.apiHash = env.RASD_TELEGRAM_API_HASH;
  if (env.RASD_TELEGRAM_SESSION_KEY) telegram.sessionKey = env.RASD_TELEGRAM_SESSION_KEY;
  if (env.RASD_TELEGRAM_BOT_TOKEN) telegram.botToken = env.RASD_TELEGRAM_BOT_TOKEN;
  if (env.RASD_TELEGRAM_WEBHOOK_SECRET) telegram.webhookSecret = env.RASD_TELEGRAM_WEBHOOK_SECRET;
  if (Object.keys(telegram).length > 0) secrets.telegram = telegram;
  return secrets;
}
