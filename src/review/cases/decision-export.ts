import type { ReviewStore } from '../../storage/ports.js';
import { decisionToTrainingRow, type ReviewTrainingRow } from './training-export.js';

/**
 * Every standing decision that is a label, as training rows, oldest decision first. Paged, so
 * a long review history streams instead of loading at once.
 */
export async function* exportDecisions(
  store: Pick<ReviewStore, 'listDecidedCases'>,
  pageSize = 500,
): AsyncGenerator<ReviewTrainingRow> {
  let cursor: string | undefined;
  do {
    const page = await store.listDecidedCases(pageSize, cursor);
    for (const decided of page.rows) {
      const row = decisionToTrainingRow(decided);
      if (row) yield row;
    }
    cursor = page.next;
  } while (cursor !== undefined);
}
