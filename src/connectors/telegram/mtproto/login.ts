import { AppError, toAppError } from '../../../core/index.js';
import { classifyTelegramError } from './backoff.js';
import { saveSession } from './session-vault.js';

/**
 * The first login of the monitor's Telegram account: phone number, the code Telegram sends, and
 * the two-step password when the account has one. GramJS runs the exchange (`client.start`);
 * this only wires the prompts and seals the resulting session with the vault. The session string
 * is a full login: it is returned to the caller and written encrypted, never printed or logged.
 */

/** The part of GramJS' TelegramClient a login needs. */
export interface LoginClient {
  start(auth: {
    phoneNumber: string | (() => Promise<string>);
    phoneCode: (isCodeViaApp?: boolean) => Promise<string>;
    password?: (hint?: string) => Promise<string>;
    onError: (error: Error) => Promise<boolean>;
  }): Promise<void>;
  session: { save(): unknown };
}

export interface LoginOptions {
  phone: string;
  code: () => Promise<string>;
  password: () => Promise<string>;
  /** A failed step (a mistyped code): shown to the user; GramJS asks again unless it is final. */
  onError: (error: AppError) => void;
  /** Where to seal the session, with the secret from RASD_TELEGRAM_SESSION_KEY. */
  vault?: { path: string; secret: string };
}

/** Logs in and returns the session string (sealed into `vault.path` when given). */
export async function loginInteractive(client: LoginClient, options: LoginOptions): Promise<string> {
  await client.start({
    phoneNumber: options.phone,
    phoneCode: () => options.code(),
    password: () => options.password(),
    onError: (error) => {
      const failure = classifyTelegramError(error);
      options.onError(loginError(error));
      // Stop on what asking again cannot fix; a wrong code or password is asked again.
      return Promise.resolve(failure.kind === 'session' || failure.kind === 'flood');
    },
  });
  const session = String(client.session.save());
  if (session === '') {
    throw new AppError('TELEGRAM_SESSION_INVALID', {
      detail: 'the login did not finish, so there is no session to save; run `rasd telegram login` again',
    });
  }
  if (options.vault !== undefined) await saveSession(options.vault.path, session, options.vault.secret);
  return session;
}

function loginError(error: Error): AppError {
  const failure = classifyTelegramError(error);
  if (failure.kind === 'flood') {
    return new AppError('TELEGRAM_RATE_LIMITED', {
      detail: `Telegram asks to wait ${failure.seconds} seconds before the next login attempt`,
      cause: error,
    });
  }
  const reason = (error as { errorMessage?: unknown }).errorMessage;
  if (typeof reason === 'string') {
    return new AppError('TELEGRAM_SESSION_INVALID', {
      detail: `Telegram answered ${reason} during login; check the phone number, code or password and try again`,
      cause: error,
    });
  }
  return toAppError(error, 'TELEGRAM_UNAVAILABLE');
}
