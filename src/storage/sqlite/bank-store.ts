import type Database from 'better-sqlite3';
import type { BankSignalType } from '../../core/bank.js';
import type {
  AddBankEntriesResult,
  BankEntryQuery,
  BankStore,
  BankSummary,
  NewBank,
  NewBankEntry,
  StoredBankEntry,
} from '../bank-ports.js';
import type { Page } from '../ports.js';
import { BankQueries } from './bank-queries.js';
import { guard } from './storage-error.js';

/** Entries per read while iterating a whole signal type. */
const PAGE = 1_000;

/**
 * The BankStore port on a SQLite connection. `SqliteStore` extends it, so the store has the
 * bank methods without its own file growing. Bank writes are rare curation steps and run on
 * the store's connection (not the scan write worker); SQLite's busy timeout orders them with
 * a scan's writes.
 */
export class SqliteBankStore implements BankStore {
  readonly #banks: BankQueries;

  constructor(db: Database.Database, now: () => Date) {
    this.#banks = guard('open', () => new BankQueries(db, now));
  }

  async createBank(bank: NewBank): Promise<BankSummary> {
    return guard('createBank', () => this.#banks.createBank(bank));
  }

  async getBank(name: string): Promise<BankSummary | undefined> {
    return guard('getBank', () => this.#banks.getBank(name));
  }

  async listBanks(): Promise<BankSummary[]> {
    return guard('listBanks', () => this.#banks.listBanks());
  }

  async setBankEnabled(name: string, enabled: boolean): Promise<BankSummary> {
    return guard('setBankEnabled', () => this.#banks.setBankEnabled(name, enabled));
  }

  async addBankEntries(name: string, entries: readonly NewBankEntry[]): Promise<AddBankEntriesResult> {
    return guard('addBankEntries', () => this.#banks.addBankEntries(name, entries));
  }

  async listBankEntries(name: string, query: BankEntryQuery): Promise<Page<StoredBankEntry>> {
    return guard('listBankEntries', () => this.#banks.listBankEntries(name, query));
  }

  async *allBankEntries(
    signalType: BankSignalType,
    options: { enabledOnly?: boolean } = {},
  ): AsyncIterable<StoredBankEntry> {
    let after = 0;
    for (;;) {
      const page = guard('allBankEntries', () =>
        this.#banks.entriesAfter(signalType, after, PAGE, options.enabledOnly ?? false),
      );
      yield* page.rows;
      if (page.rows.length < PAGE) return;
      after = page.last;
    }
  }

  async bankVersion(name: string): Promise<number> {
    return guard('bankVersion', () => this.#banks.bankVersion(name));
  }
}
