/** For optional columns: SQLite's NULL stands for an absent property, never for `undefined`. */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}
