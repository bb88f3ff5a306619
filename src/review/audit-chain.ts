import { createHash } from 'node:crypto';
import type { AuditEntry, AuditTip } from '../storage/ports.js';

/**
 * The audit log's hash chain. Each entry's hash is SHA-256 over a canonical serialisation of
 * its fields and the previous entry's hash, so editing an entry breaks its own hash, and
 * deleting, inserting or reordering entries breaks the link (or the sequence) of the next one.
 * Cutting entries off the end is the one change a chain cannot see by itself: compare the
 * head `rasd audit verify` prints with one kept elsewhere.
 */

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
const DOMAIN = 'rasd-audit-v1';

export type AuditDetails = AuditEntry['details'];
export type UnsealedEntry = Omit<AuditEntry, 'hash'>;

/** Details with keys sorted, so the same facts always serialise to the same bytes. */
function canonicalDetails(details: AuditDetails): string {
  const sorted = Object.keys(details)
    .sort()
    .map((key) => [key, details[key] ?? null]);
  return JSON.stringify(sorted);
}

/** A JSON array in a fixed field order: no field can bleed into the next. */
export function canonicalEntry(entry: UnsealedEntry): string {
  return JSON.stringify([
    DOMAIN,
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.target,
    entry.reason,
    canonicalDetails(entry.details),
    entry.prevHash,
  ]);
}

export function entryHash(entry: UnsealedEntry): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');
}

export interface AuditEvent {
  actor: string;
  action: string;
  target?: string;
  reason: string;
  details?: AuditDetails;
}

/** The complete next entry after `tip`, as `AuditStore.appendAudit` wants it. */
export function sealEntry(event: AuditEvent, at: string, tip: AuditTip | undefined): AuditEntry {
  const unsealed: UnsealedEntry = {
    seq: (tip?.seq ?? 0) + 1,
    at,
    actor: event.actor,
    action: event.action,
    target: event.target ?? '',
    reason: event.reason,
    details: event.details ?? {},
    prevHash: tip?.hash ?? GENESIS_HASH,
  };
  return { ...unsealed, hash: entryHash(unsealed) };
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; seq: number; reason: string };

/**
 * Walks entries in stored order. Stops at the first entry whose sequence number, link to the
 * previous entry, or own hash does not hold, and names it.
 */
export class ChainVerifier {
  #expectedSeq = 1;
  #prevHash = GENESIS_HASH;
  #entries = 0;
  #broken: { seq: number; reason: string } | undefined;

  /** False once the chain is broken; later entries are not looked at. */
  add(entry: AuditEntry): boolean {
    if (this.#broken) return false;
    this.#entries += 1;
    let reason: string | undefined;
    if (entry.seq !== this.#expectedSeq) {
      reason = `expected entry #${this.#expectedSeq} here, found #${entry.seq} (an entry was deleted or inserted)`;
    } else if (entry.prevHash !== this.#prevHash) {
      reason = 'its previous-hash does not match the entry before it (an entry was deleted, inserted or moved)';
    } else if (entryHash(entry) !== entry.hash) {
      reason = 'its hash does not match its fields (the entry was edited)';
    }
    if (reason !== undefined) {
      this.#broken = { seq: entry.seq, reason };
      return false;
    }
    this.#expectedSeq += 1;
    this.#prevHash = entry.hash;
    return true;
  }

  verdict(): ChainVerdict {
    if (this.#broken) return { ok: false, entries: this.#entries, ...this.#broken };
    return { ok: true, entries: this.#entries, head: this.#prevHash };
  }
}

export function verifyChain(entries: Iterable<AuditEntry>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (!verifier.add(entry)) break;
  return verifier.verdict();
}
