import { createHash } from 'node:crypto';
import { invalidInput } from '../../core/index.js';
import type { AuditEntry, AuditStore, EvidenceStore, EvidenceSummary } from '../../storage/ports.js';
import { appendAudit } from '../audit-log.js';

export type PurgeStore = Pick<EvidenceStore, 'listExpiredEvidence' | 'deleteExpiredEvidence'> & AuditStore;

export interface PurgeOptions {
  /** Who runs the purge, for the audit log (`cli:NAME`). */
  actor: string;
  /** Reports what is due and changes nothing: no deletion, no audit entry. */
  dryRun?: boolean;
  /** The instant records are judged expired at; the clock's now by default. */
  asOf?: Date;
  clock?: () => Date;
}

export interface PurgeResult {
  dryRun: boolean;
  asOf: string;
  /** Records past their `purgeAfter` at `asOf`. */
  due: EvidenceSummary[];
  deleted: number;
  audit?: AuditEntry;
}

/** SHA-256 over `[id, itemKey, purgeAfter]` of each record: names exactly which were purged. */
export function purgeDigest(records: readonly EvidenceSummary[]): string {
  const list = records.map((r) => [r.id, r.itemKey, r.purgeAfter]);
  return createHash('sha256').update(JSON.stringify(list), 'utf8').digest('hex');
}

/**
 * Deletes preserved evidence whose retention has elapsed, and nothing else. One audit entry
 * per run, written before the deletion: a crash in between leaves an entry for records still
 * present (the next run purges and audits them again), never a deletion nobody recorded. A
 * run that finds nothing due is audited too, as proof the retention was enforced. `asOf` may
 * look ahead only in a dry run: a real purge never runs ahead of the clock.
 */
export async function purgeEvidence(store: PurgeStore, options: PurgeOptions): Promise<PurgeResult> {
  const clock = options.clock ?? (() => new Date());
  const now = clock();
  const asOf = options.asOf ?? now;
  const dryRun = options.dryRun ?? false;
  if (!dryRun && asOf.getTime() > now.getTime()) {
    throw invalidInput(`a purge cannot run as of ${asOf.toISOString()}, later than now`, 'now');
  }
  const due = await store.listExpiredEvidence(asOf.toISOString());
  if (dryRun) return { dryRun, asOf: asOf.toISOString(), due, deleted: 0 };
  const audit = await appendAudit(
    store,
    {
      actor: options.actor,
      action: 'evidence.purge',
      target: due.length === 0 ? '' : `evidence #${due[0]?.id}..#${due.at(-1)?.id}`,
      reason: 'retention elapsed',
      details: {
        asOf: asOf.toISOString(),
        count: due.length,
        firstId: due[0]?.id ?? null,
        lastId: due.at(-1)?.id ?? null,
        digest: purgeDigest(due),
      },
    },
    clock,
  );
  const deleted = await store.deleteExpiredEvidence(
    due.map((r) => r.id),
    asOf.toISOString(),
  );
  return { dryRun, asOf: asOf.toISOString(), due, deleted, audit };
}
