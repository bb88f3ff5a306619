/**
 * Renders a registry as a CHECK that the column is one of its values, so the database refuses
 * exactly what the code refuses without anyone copying the list by hand. Written as ORed
 * equalities rather than `IN (...)`: SQLite builds a throwaway lookup table for an IN list
 * each time an insert statement runs, which measurably slows row-by-row writes.
 */
export function sqlOneOf(column: string, values: readonly string[]): string {
  if (values.length === 0) throw new Error('a CHECK list needs at least one value');
  return values.map((value) => `${column} = '${value.replaceAll("'", "''")}'`).join(' OR ');
}
