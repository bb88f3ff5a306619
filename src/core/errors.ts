/**
 * One error type that is safe to show a user: a stable code, an HTTP status, a sentence that
 * says what happened and what to do, a retry class, and where it happened (`pointer`: a file
 * and record, a JSON pointer, a config key). Create errors with the factories below; do not
 * subclass. `docs/errors.md` lists every code, and a test keeps the two in step.
 */

export const ERROR_CODES = {
  INTERNAL: { status: 500, title: 'Internal error', retryable: false },
  CONFIG_INVALID: { status: 500, title: 'Configuration is invalid', retryable: false },
  REGISTRY_INVALID: { status: 500, title: 'A registry is inconsistent', retryable: false },
  INPUT_INVALID: { status: 400, title: 'Input is invalid', retryable: false },
  UNAUTHORIZED: { status: 401, title: 'Authentication required', retryable: false },
  FORBIDDEN: { status: 403, title: 'Not allowed for this role', retryable: false },
  RATE_LIMITED: { status: 429, title: 'Too many requests', retryable: true },
  NOT_FOUND: { status: 404, title: 'Not found', retryable: false },
  CONFLICT: { status: 409, title: 'Conflicts with the current state', retryable: false },
  SOURCE_UNREADABLE: { status: 400, title: 'Source cannot be read', retryable: false },
  SOURCE_FORMAT_UNKNOWN: { status: 400, title: 'Source format not recognised', retryable: false },
  EXPORT_TRUNCATED: { status: 400, title: 'Export ends early', retryable: false },
  EXPORT_JSON_INVALID: { status: 400, title: 'Export is not valid JSON', retryable: false },
  EXPORT_LIMIT_EXCEEDED: { status: 400, title: 'Export record exceeds a limit', retryable: false },
  RECORD_INVALID: { status: 400, title: 'Record is invalid', retryable: false },
  RECORD_ID_MISSING: { status: 400, title: 'Record has no id', retryable: false },
  CHAT_ID_MISSING: { status: 400, title: 'Chat has no id', retryable: false },
  MEDIA_PATH_ESCAPE: { status: 400, title: 'Media path leaves the export folder', retryable: false },
  MEDIA_MISSING: { status: 400, title: 'Media file missing', retryable: false },
  POLICY_INVALID: { status: 500, title: 'Policy rules are invalid', retryable: false },
  LEXICON_INVALID: { status: 500, title: 'Lexicon file is invalid', retryable: false },
  PROVIDER_FAILED: { status: 500, title: 'A signal provider failed', retryable: true },
  STORAGE_FAILED: { status: 503, title: 'Storage failed', retryable: true },
  STORAGE_SCHEMA_NEWER: { status: 500, title: 'Database is newer than this Rasd', retryable: false },
  REPORT_RANGE_INVALID: { status: 400, title: 'Report period is invalid', retryable: false },
  BUS_UNAVAILABLE: { status: 503, title: 'Work queue unavailable', retryable: true },
  TELEGRAM_RATE_LIMITED: { status: 429, title: 'Telegram asked us to wait', retryable: true },
  TELEGRAM_RIGHTS_MISSING: { status: 403, title: 'The bot lacks the admin right for this action', retryable: false },
  TELEGRAM_SESSION_INVALID: { status: 401, title: 'The Telegram session cannot be used', retryable: false },
  TELEGRAM_CHAT_UNREACHABLE: { status: 404, title: 'The Telegram chat cannot be reached', retryable: false },
  TELEGRAM_UNAVAILABLE: { status: 503, title: 'Telegram cannot be reached now', retryable: true },
} as const satisfies Record<string, { status: number; title: string; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  detail?: string;
  pointer?: string;
  cause?: unknown;
  retryable?: boolean;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly pointer: string | undefined;
  readonly retryable: boolean;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const spec = ERROR_CODES[code];
    super(options.detail ? `${spec.title}: ${options.detail}` : spec.title, {
      cause: options.cause,
    });
    this.code = code;
    this.status = spec.status;
    this.title = spec.title;
    this.detail = options.detail;
    this.pointer = options.pointer;
    this.retryable = options.retryable ?? spec.retryable;
  }

  /** Only the public fields: never the cause, never a stack. */
  toJSON(): { code: ErrorCode; status: number; title: string; detail?: string; pointer?: string } {
    return {
      code: this.code,
      status: this.status,
      title: this.title,
      ...(this.detail !== undefined && { detail: this.detail }),
      ...(this.pointer !== undefined && { pointer: this.pointer }),
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping the original as the (never exposed) cause. */
export function toAppError(value: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  if (isAppError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new AppError(fallback, { detail: message, cause: value });
}

export const appError = (code: ErrorCode, detail?: string, pointer?: string): AppError =>
  new AppError(code, {
    ...(detail !== undefined && { detail }),
    ...(pointer !== undefined && { pointer }),
  });

export const invalidRegistry = (registry: string, detail: string): AppError =>
  appError('REGISTRY_INVALID', `${registry}: ${detail}`);

export const invalidConfig = (key: string, detail: string): AppError =>
  appError('CONFIG_INVALID', `${key}: ${detail}. Fix the value in the config file or RASD_* variable.`, key);

export const notFound = (what: string, id: string): AppError => appError('NOT_FOUND', `no ${what} with id "${id}"`, id);

export const invalidInput = (detail: string, pointer?: string): AppError => appError('INPUT_INVALID', detail, pointer);
