/**
 * Readers for the loosely typed values of an export. Exports come from many Telegram Desktop
 * versions and may be edited by hand, so no field is trusted to have the documented type: a
 * wrong type reads as absent instead of throwing.
 */

export type RawObject = Record<string, unknown>;

export function isObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An id as text: numbers exactly as exported (Telegram ids fit in 53 bits), or a non-empty string. */
export function idString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Cuts a display string to a schema limit. An over-long name or link must not make the whole
 * message fail validation: that would let a sender hide a message from the scan.
 */
export function clip(value: string | undefined, max: number): string | undefined {
  return value !== undefined && value.length > max ? value.slice(0, max) : value;
}

/**
 * Sets an optional property only when there is a value, so records carry no empty keys;
 * adding beats deleting afterwards, which turns objects into slow dictionaries.
 */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
