/*
 * Key lookups whose plan does not depend on the planner's statistics.
 *
 * `key = ANY($1)` over a partitioned table, or `NOT EXISTS` turned into an anti-join, are
 * planned from statistics; a month partition that autovacuum has not analysed yet (every new
 * month, and all of a fast import) has none, the default selectivity makes 64 keys look like
 * a third of the table, and PostgreSQL reads the whole partition instead of the index. Measured
 * in the scale-out benchmark: the worker's look-up of already-assessed keys and the item
 * insert's NOT EXISTS became sequential scans, each batch reading every row stored so far
 * (7 ms on average and up to 18 ms for 64 keys at 10,000 rows, growing with the partition).
 * One index probe per key is what we mean, so we say it: a LATERAL subquery per key, and
 * `OFFSET 0` so the planner can neither flatten it into a hash join nor turn the NOT EXISTS
 * into an anti-join.
 */

/** `FROM` items: each of the keys in `$param` (text[]) as `k.key`, joined to its rows of `table`. */
export function rowsByKey(table: string, alias: string, column: string, param = '$1'): string {
  return `unnest(${param}::text[]) AS k(key)
    CROSS JOIN LATERAL (SELECT * FROM ${table} WHERE ${table}.${column} = k.key OFFSET 0) ${alias}`;
}

/** A condition true when `table` has no row whose `column` equals `outer`, probed by index. */
export function noRowWith(table: string, column: string, outer: string): string {
  return `NOT EXISTS (SELECT 1 FROM ${table} WHERE ${table}.${column} = ${outer} OFFSET 0)`;
}
