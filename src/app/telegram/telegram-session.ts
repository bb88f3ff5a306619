import { resolve } from 'node:path';
import { GramjsPort } from '../../connectors/telegram/mtproto/gramjs-port.js';
import { loginInteractive } from '../../connectors/telegram/mtproto/login.js';
import { loadSession, saveSession } from '../../connectors/telegram/mtproto/session-vault.js';
import { type AppError, appError } from '../../core/index.js';
import type { AppContext } from '../context.js';
import { requireTelegramSecrets } from './telegram-secrets.js';

/**
 * The monitor's MTProto session: sealed at rest with RASD_TELEGRAM_SESSION_KEY in
 * `telegram.sessionFile` (`connectors/telegram/mtproto/session-vault.ts`). Nothing here logs or
 * returns the session string; callers get the file's path.
 */

/** Seals a GramJS session string a team already has; returns the file it was written to. */
export async function importTelegramSession(ctx: AppContext, session: string): Promise<string> {
  const { sessionKey: key } = requireTelegramSecrets(ctx, ['sessionKey']);
  const file = resolve(ctx.config.telegram.sessionFile);
  await saveSession(file, session, key);
  return file;
}

/** A GramJS client port over the saved session; fails with a sentence when there is none. */
export async function openSavedPort(ctx: AppContext): Promise<GramjsPort> {
  const { apiId, apiHash, sessionKey: key } = requireTelegramSecrets(ctx, ['apiId', 'apiHash', 'sessionKey']);
  const session = await loadSession(resolve(ctx.config.telegram.sessionFile), key);
  if (session === undefined) {
    throw appError(
      'TELEGRAM_SESSION_INVALID',
      `no saved session in ${ctx.config.telegram.sessionFile}; run \`rasd telegram login\` first`,
    );
  }
  return new GramjsPort({ apiId, apiHash, session });
}

export interface TelegramLoginOptions {
  phone: string;
  code: () => Promise<string>;
  password: () => Promise<string>;
  /** A failed step (a mistyped code); logged by code and sentence when absent. */
  onError?: (error: AppError) => void;
}

/**
 * Signs the monitor's account in (phone, code, two-step password) and seals the session into
 * `telegram.sessionFile`; returns the file. Only a session that finished the login is written.
 */
export async function telegramLogin(ctx: AppContext, options: TelegramLoginOptions): Promise<string> {
  const { apiId, apiHash, sessionKey: secret } = requireTelegramSecrets(ctx, ['apiId', 'apiHash', 'sessionKey']);
  const path = resolve(ctx.config.telegram.sessionFile);
  const port = new GramjsPort({ apiId, apiHash, session: '' });
  await port.connect();
  try {
    await loginInteractive(port.client, {
      phone: options.phone,
      code: options.code,
      password: options.password,
      onError: options.onError ?? ((error) => ctx.log.ingest.warn({ code: error.code }, error.message)),
      vault: { path, secret },
    });
  } finally {
    await port.disconnect();
  }
  return path;
}
