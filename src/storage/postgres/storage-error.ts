import { AppError, isAppError } from '../../core/errors.js';

/**
 * PostgreSQL errors as AppErrors that name the operation. The server's messages name
 * constraints and tables; `detail` can quote values (a duplicate key's value), so it is dropped.
 * Integrity violations (class 23) fail the same way again; connection and resource errors
 * (classes 08, 53, 57, 40) are worth retrying.
 */
export function pgStorageFailed(operation: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const message = error instanceof Error ? error.message : '';
    return new AppError('STORAGE_FAILED', {
      detail: `${operation}: ${code}: ${message}`,
      cause: error,
      retryable: /^(08|40|53|57)/.test(code),
    });
  }
  const kind = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : typeof error;
  return new AppError('STORAGE_FAILED', { detail: `${operation}: ${kind}`, cause: error, retryable: true });
}

/** Runs one storage operation, reporting any failure as `STORAGE_FAILED` for that operation. */
export async function pgGuard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw pgStorageFailed(operation, error);
  }
}
