import { invalidInput } from '../../core/errors.js';

/** Epoch milliseconds of an ISO 8601 instant; `what` names the field for the error, never its record's content. */
export function toEpochMs(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw invalidInput(`${what} is not an ISO 8601 instant`, what);
  return ms;
}
