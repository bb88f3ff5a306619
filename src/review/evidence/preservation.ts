import { appError, type Decision } from '../../core/index.js';
import type { AssessmentStore, Evidence, EvidenceMedia, EvidenceStore, ItemStore } from '../../storage/ports.js';

export type PreservationStore = Pick<ItemStore, 'getItem'> &
  Pick<AssessmentStore, 'getAssessment'> &
  Pick<EvidenceStore, 'preserveEvidence'>;

const DAY_MS = 86_400_000;

export interface RemovalInput {
  itemKey: string;
  decision: Decision;
  /** `evidence.retentionDays` from the config, which holds the default. */
  retentionDays: number;
  now: Date;
}

/**
 * Keeps what a removed item was: the item as stored, its assessment, the decision and its
 * media as references with their sha256 (the files are not copied). Only a `remove` decision
 * is preserved: kept and escalated items were not taken down, so there is nothing to evidence.
 * Idempotent per decision, so a retried call stores nothing new.
 */
export async function preserveRemoval(store: PreservationStore, input: RemovalInput): Promise<Evidence | undefined> {
  if (input.decision.outcome !== 'remove') return undefined;
  const item = await store.getItem(input.itemKey);
  if (item === undefined) throw appError('NOT_FOUND', `no item ${input.itemKey} to preserve`, input.itemKey);
  const assessment = await store.getAssessment(input.itemKey);
  const media = item.media.map(
    ({ kind, status, path, fileName, sha256, size }): EvidenceMedia => ({
      kind,
      status,
      ...(path !== undefined && { path }),
      ...(fileName !== undefined && { fileName }),
      ...(sha256 !== undefined && { sha256 }),
      ...(size !== undefined && { size }),
    }),
  );
  return store.preserveEvidence({
    caseId: input.decision.caseId,
    itemKey: input.itemKey,
    item,
    ...(assessment !== undefined && { assessment }),
    decision: input.decision,
    media,
    preservedAt: input.now.toISOString(),
    purgeAfter: new Date(input.now.getTime() + input.retentionDays * DAY_MS).toISOString(),
  });
}
