import { GrammyError } from 'grammy';
import { isAppError } from '../../../core/index.js';

/** What the bot logs through: pino's Logger fits. Ids, counts and codes only. */
export interface BotLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The loggable part of an error: a code, never its message or payload (a GrammyError's payload
 * holds what was sent, e.g. setWebhook's secret token; a sink's message may quote content).
 */
export function errorFields(error: unknown): object {
  const cause =
    error instanceof Error && error.name === 'BotError' ? (error as Error & { error: unknown }).error : error;
  if (isAppError(cause)) return { code: cause.code };
  if (cause instanceof GrammyError) return { errorCode: cause.error_code, method: cause.method };
  return { error: cause instanceof Error ? cause.name : typeof cause };
}
