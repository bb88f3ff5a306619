import Database from 'better-sqlite3';
import { AppError, isAppError } from '../../core/errors.js';

/**
 * Turns whatever a storage operation threw into an AppError that names the operation. SQLite's
 * own messages name constraints and tables, never bound values, so they are kept; anything
 * else may quote data (a JSON parse error quotes its input), so only its type is kept.
 * A violated constraint will fail the same way again, so it is not marked retryable.
 */
export function storageFailed(operation: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof Database.SqliteError) {
    return new AppError('STORAGE_FAILED', {
      detail: `${operation}: ${error.code}: ${error.message}`,
      cause: error,
      retryable: !error.code.startsWith('SQLITE_CONSTRAINT'),
    });
  }
  const kind = error instanceof Error ? error.name : typeof error;
  return new AppError('STORAGE_FAILED', { detail: `${operation}: unexpected ${kind}`, cause: error });
}

/** Runs one storage operation, reporting any failure as `STORAGE_FAILED` for that operation. */
export function guard<T>(operation: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw storageFailed(operation, error);
  }
}
