import { appError } from '../../core/index.js';
import type { AppContext } from '../context.js';

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
 * The secrets a step needs, or a refusal before anything connects naming every missing variable
 * and where the docs explain it: a service that starts and then dies on Telegram's side is
 * harder to diagnose than a refusal at the door. Values are never echoed.
 */
export function requireTelegramSecrets<K extends keyof TelegramSecrets>(
  ctx: AppContext,
  needed: readonly K[],
): { [P in K]-?: NonNullable<TelegramSecrets[P]> } {
  const have = ctx.secrets.telegram ?? {};
  const missing = needed.filter((key) => have[key] === undefined || have[key] === '');
  if (missing.length === 0) return have as { [P in K]-?: NonNullable<TelegramSecrets[P]> };
  const variables = missing.map((key) => NEEDS[key].variable).join(', ');
  const first = NEEDS[missing[0] as keyof TelegramSecrets];
  // A malformed api id is dropped when secrets are read, so "not set" may mean "not a number".
  const apiIdNote = (missing as readonly string[]).includes('apiId')
    ? '; RASD_TELEGRAM_API_ID is the whole number my.telegram.org shows'
    : '';
  throw appError(
    'CONFIG_INVALID',
    `${variables} ${missing.length === 1 ? 'is' : 'are'} not set; set ${missing.length === 1 ? 'it' : 'them'} in the environment (see docs/telegram.md#${first.section})${apiIdNote}`,
    first.variable,
  );
}
