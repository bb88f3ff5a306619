import type { AppContext } from '../../app/index.js';
import { appError } from '../../core/index.js';

type TelegramSecrets = NonNullable<AppContext['secrets']['telegram']>;

/** Each secret a `rasd telegram` command may need: its variable and the docs section about it. */
const NEEDS = {
  apiId: { variable: 'RASD_TELEGRAM_API_ID', section: '1-api-id-and-hash' },
  apiHash: { variable: 'RASD_TELEGRAM_API_HASH', section: '1-api-id-and-hash' },
  sessionKey: { variable: 'RASD_TELEGRAM_SESSION_KEY', section: '2-the-session-key' },
  botToken: { variable: 'RASD_TELEGRAM_BOT_TOKEN', section: '6-the-moderator-bot' },
  webhookSecret: { variable: 'RASD_TELEGRAM_WEBHOOK_SECRET', section: '7-polling-or-webhook' },
} as const satisfies Record<keyof TelegramSecrets, { variable: string; section: string }>;

/**
 * Fails before anything connects when a needed secret is not set, naming every missing variable
 * and where the docs explain it: a service that starts and then dies on Telegram's side is
 * harder to diagnose than a refusal at the door. Values are never echoed.
 */
export function requireTelegramSecrets(ctx: AppContext, needed: readonly (keyof TelegramSecrets)[]): void {
  const have = ctx.secrets.telegram ?? {};
  const missing = needed.filter((key) => have[key] === undefined || have[key] === '');
  if (missing.length === 0) return;
  const variables = missing.map((key) => NEEDS[key].variable).join(', ');
  const first = NEEDS[missing[0] as keyof TelegramSecrets];
  // A malformed api id is dropped when secrets are read, so "not set" may mean "not a number".
  const apiIdNote = missing.includes('apiId') ? '; RASD_TELEGRAM_API_ID is the whole number my.telegram.org shows' : '';
  throw appError(
    'CONFIG_INVALID',
    `${variables} ${missing.length === 1 ? 'is' : 'are'} not set; set ${missing.length === 1 ? 'it' : 'them'} in the environment (see docs/telegram.md#${first.section})${apiIdNote}`,
    first.variable,
  );
}
