import type { Page } from '../ports.js';

/** Follows `next` cursors to the end, so a test can check that pages have no gaps or repeats. */
export async function walkPages<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  afterEachPage?: () => Promise<void>,
): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 10_000; pages += 1) {
    const page = await fetch(cursor);
    rows.push(...page.rows);
    if (page.next === undefined) return { rows, pages };
    cursor = page.next;
    await afterEachPage?.();
  }
  throw new Error('pagination did not end after 10000 pages');
}
