import type Database from 'better-sqlite3';
import { BANK_NAME_PATTERN, BANK_SIGNAL_TYPES, type BankSignalType, isBankName } from '../../core/bank.js';
import { invalidInput, notFound } from '../../core/errors.js';
import type {
  AddBankEntriesResult,
  BankEntryQuery,
  BankSummary,
  NewBank,
  NewBankEntry,
  StoredBankEntry,
} from '../bank-ports.js';
import type { Page } from '../ports.js';
import { type BankEntryRow, type BankRow, rowToBank, rowToEntry } from './bank-codec.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';
import { orNull } from './or-null.js';

const MAX_NAME = 100;
export const MAX_DESCRIPTION = 2_000;
const MAX_NOTE = 255;
const MAX_FIELD = 1_000;

const BANK_SELECT = `SELECT b.name, b.description, b.enabled, b.created_at, b.version,
  (SELECT count(*) FROM bank_entry e WHERE e.bank = b.name) AS entries FROM bank b`;

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length > MAX_NAME || !isBankName(name)) {
    throw invalidInput(
      `a bank name is ${MAX_NAME} or fewer upper-case letters, digits and underscores (${BANK_NAME_PATTERN.source}), such as TVEC_TEXT`,
      'name',
    );
  }
  return name;
}

export function checkText(value: unknown, pointer: string, max: number, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value.trim() === '') || value.length > max) {
    throw invalidInput(
      `${pointer} must be ${required ? 'a non-empty' : 'a'} string of at most ${max} characters`,
      pointer,
    );
  }
  return value;
}

export function checkEntry(entry: NewBankEntry, index: number, now: string): Omit<BankEntryRow, 'seq' | 'bank'> {
  const at = `entries/${index}`;
  if (!(BANK_SIGNAL_TYPES as readonly string[]).includes(entry.signalType)) {
    throw invalidInput(`${at}/signalType must be one of ${BANK_SIGNAL_TYPES.join(', ')}`, `${at}/signalType`);
  }
  const addedAt = entry.addedAt ?? now;
  if (!Number.isFinite(Date.parse(addedAt)))
    throw invalidInput(`${at}/addedAt is not an ISO 8601 instant`, `${at}/addedAt`);
  return {
    signal_type: entry.signalType,
    value: checkText(entry.value, `${at}/value`, 1 << 20, true) as string,
    org: orNull(checkText(entry.org, `${at}/org`, MAX_FIELD, false)),
    category: orNull(checkText(entry.category, `${at}/category`, MAX_FIELD, false)),
    note: orNull(checkText(entry.note, `${at}/note`, MAX_NOTE, false)),
    source: checkText(entry.source, `${at}/source`, MAX_FIELD, true) as string,
    added_by: checkText(entry.addedBy, `${at}/addedBy`, MAX_FIELD, true) as string,
    added_at: addedAt,
  };
}

type EntryList = Database.Statement<[Record<string, unknown>], BankEntryRow>;

/** Banks and their entries on one SQLite connection; every write is one immediate transaction. */
export class BankQueries {
  readonly #now: () => Date;
  readonly #get: Database.Statement<[string], BankRow>;
  readonly #list: Database.Statement<[], BankRow>;
  readonly #insertBank: Database.Statement;
  readonly #setEnabled: Database.Statement<[number, string]>;
  readonly #bump: Database.Statement<[string]>;
  readonly #insertEntry: Database.Statement;
  /** Indexed by [has signal type filter][has cursor]. */
  readonly #entries: [[EntryList, EntryList], [EntryList, EntryList]];
  /** Indexed by [enabled banks only]. */
  readonly #all: [EntryList, EntryList];
  readonly #create: Database.Transaction<(bank: NewBank) => void>;
  readonly #enable: Database.Transaction<(name: string, enabled: boolean) => void>;
  readonly #add: Database.Transaction<(name: string, entries: readonly NewBankEntry[]) => AddBankEntriesResult>;

  constructor(db: Database.Database, now: () => Date) {
    this.#now = now;
    this.#get = db.prepare(`${BANK_SELECT} WHERE b.name = ?`);
    this.#list = db.prepare(`${BANK_SELECT} ORDER BY b.name`);
    this.#insertBank = db.prepare(
      'INSERT INTO bank (name, description, enabled, created_at, version) VALUES (@name, @description, @enabled, @created_at, 1)',
    );
    this.#setEnabled = db.prepare('UPDATE bank SET enabled = ?, version = version + 1 WHERE name = ?');
    this.#bump = db.prepare('UPDATE bank SET version = version + 1 WHERE name = ?');
    this.#insertEntry = db.prepare(`
      INSERT INTO bank_entry (bank, signal_type, value, org, category, note, source, added_by, added_at)
      VALUES (@bank, @signal_type, @value, @org, @category, @note, @source, @added_by, @added_at)
      ON CONFLICT (bank, signal_type, value) DO NOTHING`);
    const list = (conditions: string[]): EntryList =>
      db.prepare(
        `SELECT * FROM bank_entry WHERE ${['bank = @bank', ...conditions].join(' AND ')} ORDER BY seq LIMIT @limit`,
      );
    this.#entries = [
      [list([]), list(['seq > @after'])],
      [list(['signal_type = @type']), list(['signal_type = @type', 'seq > @after'])],
    ];
    const all = (enabledOnly: boolean): EntryList =>
      db.prepare(`SELECT e.* FROM bank_entry e ${enabledOnly ? 'JOIN bank b ON b.name = e.bank AND b.enabled = 1' : ''}
        WHERE e.signal_type = @type AND e.seq > @after ORDER BY e.seq LIMIT @limit`);
    this.#all = [all(false), all(true)];
    this.#create = db.transaction((bank: NewBank) => {
      if (this.#get.get(bank.name)) throw invalidInput(`a bank named ${bank.name} exists already`, 'name');
      this.#insertBank.run({
        name: bank.name,
        description: bank.description ?? '',
        enabled: bank.enabled === false ? 0 : 1,
        created_at: this.#now().toISOString(),
      });
    });
    this.#enable = db.transaction((name: string, enabled: boolean) => {
      const row = this.#get.get(name);
      if (!row) throw notFound('bank', name);
      if ((row.enabled === 1) !== enabled) this.#setEnabled.run(enabled ? 1 : 0, name);
    });
    this.#add = db.transaction((name: string, entries: readonly NewBankEntry[]) => {
      if (!this.#get.get(name)) throw notFound('bank', name);
      const now = this.#now().toISOString();
      const rows = entries.map((entry, index) => checkEntry(entry, index, now));
      let added = 0;
      for (const row of rows) added += this.#insertEntry.run({ ...row, bank: name }).changes;
      if (added > 0) this.#bump.run(name);
      return { added, duplicates: rows.length - added };
    });
  }

  createBank(bank: NewBank): BankSummary {
    const name = checkName(bank.name);
    checkText(bank.description, 'description', MAX_DESCRIPTION, false);
    if (bank.enabled !== undefined && typeof bank.enabled !== 'boolean')
      throw invalidInput('enabled must be true or false', 'enabled');
    this.#create.immediate({ ...bank, name });
    return this.#summary(name);
  }

  getBank(name: string): BankSummary | undefined {
    const row = this.#get.get(name);
    return row && rowToBank(row);
  }

  listBanks(): BankSummary[] {
    return this.#list.all().map(rowToBank);
  }

  setBankEnabled(name: string, enabled: boolean): BankSummary {
    if (typeof enabled !== 'boolean') throw invalidInput('enabled must be true or false', 'enabled');
    this.#enable.immediate(name, enabled);
    return this.#summary(name);
  }

  addBankEntries(name: string, entries: readonly NewBankEntry[]): AddBankEntriesResult {
    if (!Array.isArray(entries)) throw invalidInput('entries must be a list', 'entries');
    return this.#add.immediate(name, entries);
  }

  listBankEntries(name: string, query: BankEntryQuery): Page<StoredBankEntry> {
    const limit = checkLimit(query.limit);
    if (!this.#get.get(name)) throw notFound('bank', name);
    const params: Record<string, unknown> = { bank: name, limit: limit + 1 };
    if (query.signalType !== undefined) params.type = query.signalType;
    if (query.cursor !== undefined) [params.after] = decodeCursor(query.cursor, ['number']);
    const statement = this.#entries[query.signalType === undefined ? 0 : 1][query.cursor === undefined ? 0 : 1];
    return toPage(statement.all(params), limit, rowToEntry, (row) => [row.seq]);
  }

  /** One page of `allBankEntries`: entries of a type after `afterSeq`, and the last seq read. */
  entriesAfter(
    signalType: BankSignalType,
    afterSeq: number,
    limit: number,
    enabledOnly: boolean,
  ): { rows: StoredBankEntry[]; last: number } {
    const rows = this.#all[enabledOnly ? 1 : 0].all({ type: signalType, after: afterSeq, limit });
    return { rows: rows.map(rowToEntry), last: rows.at(-1)?.seq ?? afterSeq };
  }

  bankVersion(name: string): number {
    const row = this.#get.get(name);
    if (!row) throw notFound('bank', name);
    return row.version;
  }

  #summary(name: string): BankSummary {
    return rowToBank(this.#get.get(name) as BankRow);
  }
}
