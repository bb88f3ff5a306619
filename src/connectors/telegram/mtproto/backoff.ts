import { AppError } from '../../../core/index.js';

/**
 * Telegram's rate limits and failures, turned into a retry policy (data, not scattered `catch`es):
 * a FLOOD_WAIT says exactly how long to wait, and waiting less only earns a longer one; server
 * hiccups and dropped connections get exponential backoff; a private or vanished chat and a
 * revoked session are final at once, because retrying them cannot help.
 */

/** What one failure means for the caller. */
export type TelegramFailure =
  | { kind: 'flood'; seconds: number }
  | { kind: 'transient' }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'session'; reason: string }
  | { kind: 'other' };

/** Telegram's answers that mean the chat cannot be seen by this account (now or ever). */
export const UNREACHABLE_ERRORS = new Set([
  'CHANNEL_PRIVATE',
  'CHANNEL_INVALID',
  'CHANNEL_PUBLIC_GROUP_NA',
  'CHAT_FORBIDDEN',
  'CHAT_INVALID',
  'CHAT_ID_INVALID',
  'PEER_ID_INVALID',
  'USERNAME_NOT_OCCUPIED',
  'USERNAME_INVALID',
  'INVITE_HASH_EXPIRED',
  'INVITE_HASH_INVALID',
  'INVITE_HASH_EMPTY',
]);

/** Telegram's answers that mean the saved session can no longer be used. */
export const SESSION_ERRORS = new Set([
  'AUTH_KEY_UNREGISTERED',
  'AUTH_KEY_INVALID',
  'AUTH_KEY_DUPLICATED',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'USER_DEACTIVATED',
  'USER_DEACTIVATED_BAN',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
/** GramJS reports a lost connection and a request timeout as plain Errors with these messages. */
const NETWORK_MESSAGES = /^(TIMEOUT|Not connected|Disconnected|Connection closed|Request was unsuccessful)/i;

interface RpcLike {
  code?: number;
  errorMessage?: string;
  seconds?: number;
}

/** Reads a GramJS error (or any thrown value) without depending on class identity across copies. */
export function classifyTelegramError(error: unknown): TelegramFailure {
  if (typeof error !== 'object' || error === null) return { kind: 'other' };
  const rpc = error as RpcLike;
  if (typeof rpc.seconds === 'number' && rpc.code === 420) return { kind: 'flood', seconds: rpc.seconds };
  const message = typeof rpc.errorMessage === 'string' ? rpc.errorMessage : undefined;
  if (message !== undefined) {
    if (SESSION_ERRORS.has(message) || rpc.code === 401) return { kind: 'session', reason: message };
    if (UNREACHABLE_ERRORS.has(message)) return { kind: 'unreachable', reason: message };
    const code = rpc.code ?? 0;
    if (Math.abs(code) === 500 || Math.abs(code) === 503 || message === 'Timeout') return { kind: 'transient' };
    return { kind: 'other' };
  }
  const nodeCode = (error as { code?: unknown }).code;
  if (typeof nodeCode === 'string' && NETWORK_CODES.has(nodeCode)) return { kind: 'transient' };
  if (error instanceof Error && NETWORK_MESSAGES.test(error.message)) return { kind: 'transient' };
  return { kind: 'other' };
}

export interface RetryWait {
  /** What is being retried (a port call name), for the log line. */
  call: string;
  attempt: number;
  waitMs: number;
  reason: 'flood' | 'transient';
}

export interface RetryOptions {
  /** Names the call in errors and waits (`history`, `resolve`). */
  call?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** A FLOOD_WAIT longer than this is not waited out here: the caller gets TELEGRAM_RATE_LIMITED. */
  maxWaitSeconds?: number;
  /** First backoff for transient failures; doubles each attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  onWait?: (wait: RetryWait) => void;
}

export const RETRY_DEFAULTS = {
  maxAttempts: 5,
  maxWaitSeconds: 300,
  baseBackoffMs: 1_000,
  maxBackoffMs: 60_000,
} as const;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn`, waiting out FLOOD_WAITs and backing off on transient failures; final failures
 * become AppErrors a user can act on (TELEGRAM_RATE_LIMITED, TELEGRAM_CHAT_UNREACHABLE,
 * TELEGRAM_SESSION_INVALID, TELEGRAM_UNAVAILABLE). Anything else is rethrown unchanged.
 */
export async function withTelegramRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts);
  const call = options.call ?? 'a Telegram call';
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const failure = classifyTelegramError(error);
      const waitMs = retryDelay(failure, attempt, options, random);
      if (waitMs === undefined || attempt >= maxAttempts) throw finalError(failure, error, call, attempt);
      if (failure.kind === 'flood' || failure.kind === 'transient') {
        options.onWait?.({ call, attempt, waitMs, reason: failure.kind });
      }
      await sleep(waitMs);
    }
  }
}

/** How long to wait before the next attempt, or undefined when retrying cannot help. */
function retryDelay(
  failure: TelegramFailure,
  attempt: number,
  options: RetryOptions,
  random: () => number,
): number | undefined {
  if (failure.kind === 'flood') {
    const max = options.maxWaitSeconds ?? RETRY_DEFAULTS.maxWaitSeconds;
    if (failure.seconds > max) return undefined;
    // Jitter only ever adds: waiting less than Telegram asked earns a longer wait.
    const jitter = Math.floor(random() * Math.min(1_000, 100 + failure.seconds * 100));
    return failure.seconds * 1_000 + jitter;
  }
  if (failure.kind === 'transient') {
    const base = options.baseBackoffMs ?? RETRY_DEFAULTS.baseBackoffMs;
    const cap = options.maxBackoffMs ?? RETRY_DEFAULTS.maxBackoffMs;
    const exponential = Math.min(cap, base * 2 ** (attempt - 1));
    // Full jitter on the upper half, so many clients restarting together do not retry in step.
    return Math.floor(exponential / 2 + random() * (exponential / 2));
  }
  return undefined;
}

function finalError(failure: TelegramFailure, error: unknown, call: string, attempts: number): unknown {
  switch (failure.kind) {
    case 'flood':
      return new AppError('TELEGRAM_RATE_LIMITED', {
        detail: `Telegram asked to wait ${failure.seconds} seconds before ${call} again (attempt ${attempts}); try again after that time`,
        cause: error,
      });
    case 'transient':
      return new AppError('TELEGRAM_UNAVAILABLE', {
        detail: `${call} failed ${attempts} times on a server or network error; check the connection and try again later`,
        cause: error,
      });
    case 'unreachable':
      return new AppError('TELEGRAM_CHAT_UNREACHABLE', {
        detail: `Telegram answered ${failure.reason} to ${call}: the chat is private, gone, renamed or the invite expired; check the reference or use an account that can see it`,
        cause: error,
      });
    case 'session':
      return new AppError('TELEGRAM_SESSION_INVALID', {
        detail: `Telegram answered ${failure.reason}: the saved session was logged out or the account is deactivated; run \`rasd telegram login\` again`,
        cause: error,
      });
    default:
      return error;
  }
}
