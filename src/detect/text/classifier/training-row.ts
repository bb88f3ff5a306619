import { z } from 'zod';

/** One labelled row of Rasd's training format (`../shared/data/tvec/README.md`). */
export const trainingRowSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  label: z.enum(['tvec', 'benign']),
  category: z.string().default(''),
  lang: z.string().default('und'),
  source: z.string().default('unknown'),
  group: z.string().default(''),
  quality: z.enum(['gold', 'silver', 'weak', 'source']).default('source'),
});
export type TrainingRow = z.infer<typeof trainingRowSchema>;
export type Quality = TrainingRow['quality'];

/**
 * Which part a row goes to, by group: rows of one account, sura, hadith book or outlet stay
 * together, or dev figures would measure memorisation. A source with a single group (one news
 * collection, one chat corpus) cannot be split by group; its rows are split by id instead,
 * which measures in-distribution performance only — said wherever those figures are shown.
 */
export function holdoutKey(
  row: Pick<TrainingRow, 'id' | 'source' | 'group'>,
  singleGroupSources: ReadonlySet<string>,
): string {
  return singleGroupSources.has(row.source) ? `${row.source}#${row.id}` : `group:${row.group || row.source}`;
}

/** Sources whose rows all share one group. */
export function singleGroupSources(rows: readonly Pick<TrainingRow, 'source' | 'group'>[]): Set<string> {
  const groups = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = groups.get(r.source) ?? new Set<string>();
    set.add(r.group);
    groups.set(r.source, set);
  }
  return new Set([...groups].filter(([, g]) => g.size <= 1).map(([s]) => s));
}

/** A stable fraction in [0, 1) from a key and a seed (FNV-1a), so splits are reproducible. */
export function keyFraction(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/**
 * Splits rows into (rest, held) with about `fraction` of the keys held out. A source with few
 * groups (four hadith books) may by chance get none held out; its smallest group is then held,
 * so every source is represented in the held part.
 */
export function splitRows<T extends Pick<TrainingRow, 'id' | 'source' | 'group'>>(
  rows: readonly T[],
  fraction: number,
  seed: number,
): { rest: T[]; held: T[] } {
  const single = singleGroupSources(rows);
  const heldKeys = new Set<string>();
  for (const r of rows) {
    const key = holdoutKey(r, single);
    if (keyFraction(key, seed) < fraction) heldKeys.add(key);
  }
  for (const key of smallestGroupsOfUnheldSources(rows, single, heldKeys)) heldKeys.add(key);
  const rest: T[] = [];
  const held: T[] = [];
  for (const r of rows) (heldKeys.has(holdoutKey(r, single)) ? held : rest).push(r);
  return { rest, held };
}

function smallestGroupsOfUnheldSources(
  rows: readonly Pick<TrainingRow, 'id' | 'source' | 'group'>[],
  single: ReadonlySet<string>,
  held: ReadonlySet<string>,
): string[] {
  const sizes = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (single.has(r.source)) continue;
    const groups = sizes.get(r.source) ?? new Map<string, number>();
    const key = holdoutKey(r, single);
    groups.set(key, (groups.get(key) ?? 0) + 1);
    sizes.set(r.source, groups);
  }
  const extra: string[] = [];
  for (const groups of sizes.values()) {
    if ([...groups.keys()].some((k) => held.has(k))) continue;
    const smallest = [...groups].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    if (smallest) extra.push(smallest[0]);
  }
  return extra;
}
