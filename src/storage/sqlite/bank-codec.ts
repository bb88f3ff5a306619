import type { BankSignalType } from '../../core/bank.js';
import type { BankSummary, StoredBankEntry } from '../bank-ports.js';

export interface BankRow {
  name: string;
  description: string;
  enabled: number;
  created_at: string;
  version: number;
  entries: number;
}

export interface BankEntryRow {
  seq: number;
  bank: string;
  signal_type: BankSignalType;
  value: string;
  org: string | null;
  category: string | null;
  note: string | null;
  source: string;
  added_by: string;
  added_at: string;
}

/** Entry ids are the never-reused sequence number with a prefix that says what they are. */
const ENTRY_ID_PREFIX = 'be_';

export function entryId(seq: number): string {
  return `${ENTRY_ID_PREFIX}${seq}`;
}

export function rowToBank(row: BankRow): BankSummary {
  return {
    name: row.name,
    description: row.description,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    version: row.version,
    entries: row.entries,
  };
}

export function rowToEntry(row: BankEntryRow): StoredBankEntry {
  return {
    id: entryId(row.seq),
    bank: row.bank,
    signalType: row.signal_type,
    value: row.value,
    ...(row.org !== null && { org: row.org }),
    ...(row.category !== null && { category: row.category }),
    ...(row.note !== null && { note: row.note }),
    source: row.source,
    addedBy: row.added_by,
    addedAt: row.added_at,
  };
}
