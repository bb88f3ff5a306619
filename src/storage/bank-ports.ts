import type { Bank, BankEntry, BankSignalType } from '../core/index.js';
import type { Page } from './ports.js';

/**
 * Banks: named lists of known content (hashes, text signatures, urls) with provenance, as in
 * HMA (`bank`, `bank_content`, `content_signal`). Matchers build in-memory indexes from them and
 * rebuild a bank's part when its `version` moves, so every change bumps it: added entries,
 * enabling or disabling. Names are `BANK_NAME_PATTERN` identifiers; anything else is refused
 * with INPUT_INVALID, an unknown bank with NOT_FOUND.
 */

export interface NewBank {
  name: string;
  description?: string;
  /** Default true. */
  enabled?: boolean;
}

/** A bank with what a matcher needs to know whether its index is current. */
export interface BankSummary extends Bank {
  /** Increases on every change to the bank or its entries; starts at 1. */
  version: number;
  entries: number;
}

/** An entry to add. The store gives it an id; `addedAt` defaults to the store's clock. */
export interface NewBankEntry {
  signalType: BankSignalType;
  value: string;
  org?: string;
  category?: string;
  /** A short human note (HMA keeps ≤ 255 characters); never the content itself. */
  note?: string;
  /** Provenance: where the entry came from (a file and row, an exchange and its id). */
  source: string;
  addedBy: string;
  addedAt?: string;
}

export interface StoredBankEntry extends BankEntry {
  /** Stable within a store; what a match names as its evidence. */
  id: string;
  note?: string;
}

export interface AddBankEntriesResult {
  added: number;
  /** Entries whose (bank, signal type, value) was there already, in the store or earlier in the same call. */
  duplicates: number;
}

export interface BankEntryQuery {
  signalType?: BankSignalType;
  limit: number;
  cursor?: string;
}

export interface BankStore {
  /** INPUT_INVALID for a bad name or one that exists already. */
  createBank(bank: NewBank): Promise<BankSummary>;
  getBank(name: string): Promise<BankSummary | undefined>;
  /** Every bank, by name. */
  listBanks(): Promise<BankSummary[]>;
  /** Bumps the version only when the flag changes. NOT_FOUND for an unknown bank. */
  setBankEnabled(name: string, enabled: boolean): Promise<BankSummary>;
  /** One transaction: all entries or none. Bumps the version once when anything was added. */
  addBankEntries(name: string, entries: readonly NewBankEntry[]): Promise<AddBankEntriesResult>;
  /** A bank's entries in the order they were added. */
  listBankEntries(name: string, query: BankEntryQuery): Promise<Page<StoredBankEntry>>;
  /**
   * Every entry of a signal type, across banks, in the order added: what an index is built
   * from. Read in pages, so the store stays usable while the caller consumes it.
   */
  allBankEntries(signalType: BankSignalType, options?: { enabledOnly?: boolean }): AsyncIterable<StoredBankEntry>;
  /** The bank's version (see `BankSummary.version`). NOT_FOUND for an unknown bank. */
  bankVersion(name: string): Promise<number>;
}
