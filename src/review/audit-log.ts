import type { AuditEntry, AuditStore } from '../storage/ports.js';
import { type AuditEvent, type ChainVerdict, ChainVerifier, sealEntry } from './audit-chain.js';

/** Entries read per page while verifying. */
const PAGE = 500;

/** Appends one event to the chained log; the store seals it inside its write transaction. */
export function appendAudit(
  store: AuditStore,
  event: AuditEvent,
  now: () => Date = () => new Date(),
): Promise<AuditEntry> {
  const at = now().toISOString();
  return store.appendAudit((tip) => sealEntry(event, at, tip));
}

/** Reads the whole log in pages and checks the chain; see `ChainVerifier`. */
export async function verifyAuditLog(store: AuditStore): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let cursor: string | undefined;
  do {
    const page = await store.listAudit({ limit: PAGE, ...(cursor !== undefined && { cursor }) });
    for (const entry of page.rows) if (!verifier.add(entry)) return verifier.verdict();
    cursor = page.next;
  } while (cursor !== undefined);
  return verifier.verdict();
}
