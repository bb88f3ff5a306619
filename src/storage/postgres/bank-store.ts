import type pg from 'pg';
import type { BankSignalType } from '../../core/bank.js';
import { invalidInput, notFound } from '../../core/errors.js';
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
import { type BankEntryRow, type BankRow, rowToBank, rowToEntry } from '../sqlite/bank-codec.js';
import { checkEntry, checkName, checkText, MAX_DESCRIPTION } from '../sqlite/bank-queries.js';
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';
import { inTransaction } from './pool.js';
import { pgGuard } from './storage-error.js';

/** Entries per read while iterating a whole signal type. */
const PAGE = 1_000;

const BANK_SELECT = `SELECT b.name, b.description, b.enabled, b.created_at, b.version,
  (SELECT count(*) FROM bank_entry e WHERE e.bank = b.name) AS entries FROM bank b`;

type Queryable = pg.Pool | pg.PoolClient;

/* count(*) and BIGINT columns arrive as strings (they may exceed 2^53); ours never do. */
function bankRow(row: BankRow): BankSummary {
  return rowToBank({ ...row, entries: Number(row.entries) });
}

function entryRow(row: BankEntryRow): StoredBankEntry {
  return rowToEntry({ ...row, seq: Number(row.seq) });
}

async function readBank(db: Queryable, name: string): Promise<BankSummary | undefined> {
  const { rows } = await db.query<BankRow>(`${BANK_SELECT} WHERE b.name = $1`, [name]);
  return rows[0] && bankRow(rows[0]);
}

/**
 * The BankStore port on PostgreSQL, with the SQLite adapter's validation and codec, so both
 * refuse and return the same. A bank's row is locked while entries are added, so its version
 * moves once per change however many processes curate at once.
 */
export class PgBankStore implements BankStore {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, now: () => Date) {
    this.#pool = pool;
    this.#now = now;
  }

  async createBank(bank: NewBank): Promise<BankSummary> {
    return pgGuard('createBank', async () => {
      const name = checkName(bank.name);
      checkText(bank.description, 'description', MAX_DESCRIPTION, false);
      if (bank.enabled !== undefined && typeof bank.enabled !== 'boolean')
        throw invalidInput('enabled must be true or false', 'enabled');
      // ON CONFLICT rather than a read first: two processes creating the same name both get a clear answer.
      const inserted = await this.#pool.query(
        `INSERT INTO bank (name, description, enabled, created_at, version) VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (name) DO NOTHING`,
        [name, bank.description ?? '', bank.enabled === false ? 0 : 1, this.#now().toISOString()],
      );
      if (inserted.rowCount === 0) throw invalidInput(`a bank named ${name} exists already`, 'name');
      return (await readBank(this.#pool, name)) as BankSummary;
    });
  }

  async getBank(name: string): Promise<BankSummary | undefined> {
    return pgGuard('getBank', () => readBank(this.#pool, name));
  }

  async listBanks(): Promise<BankSummary[]> {
    return pgGuard('listBanks', async () => {
      const { rows } = await this.#pool.query<BankRow>(`${BANK_SELECT} ORDER BY b.name`);
      return rows.map(bankRow);
    });
  }

  async setBankEnabled(name: string, enabled: boolean): Promise<BankSummary> {
    return pgGuard('setBankEnabled', async () => {
      if (typeof enabled !== 'boolean') throw invalidInput('enabled must be true or false', 'enabled');
      // One statement: the flag and the version move together or not at all.
      await this.#pool.query('UPDATE bank SET enabled = $1, version = version + 1 WHERE name = $2 AND enabled <> $1', [
        enabled ? 1 : 0,
        name,
      ]);
      const bank = await readBank(this.#pool, name);
      if (!bank) throw notFound('bank', name);
      return bank;
    });
  }

  async addBankEntries(name: string, entries: readonly NewBankEntry[]): Promise<AddBankEntriesResult> {
    return pgGuard('addBankEntries', async () => {
      if (!Array.isArray(entries)) throw invalidInput('entries must be a list', 'entries');
      return inTransaction(this.#pool, async (client) => {
        const bank = await client.query('SELECT 1 FROM bank WHERE name = $1 FOR UPDATE', [name]);
        if (bank.rowCount === 0) throw notFound('bank', name);
        const now = this.#now().toISOString();
        const rows = entries.map((entry, index) => checkEntry(entry, index, now));
        if (rows.length === 0) return { added: 0, duplicates: 0 };
        const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
        // One statement for the whole call; ORDER BY keeps ids in the order given, and DO NOTHING
        // also skips a value repeated within the call, as the SQLite adapter's row-by-row insert does.
        const inserted = await client.query(
          `INSERT INTO bank_entry (bank, signal_type, value, org, category, note, source, added_by, added_at)
           SELECT $1, t.signal_type, t.value, t.org, t.category, t.note, t.source, t.added_by, t.added_at
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             WITH ORDINALITY AS t (signal_type, value, org, category, note, source, added_by, added_at, n)
           ORDER BY t.n
           ON CONFLICT DO NOTHING`,
          [
            name,
            column('signal_type'),
            column('value'),
            column('org'),
            column('category'),
            column('note'),
            column('source'),
            column('added_by'),
            column('added_at'),
          ],
        );
        const added = inserted.rowCount ?? 0;
        if (added > 0) await client.query('UPDATE bank SET version = version + 1 WHERE name = $1', [name]);
        return { added, duplicates: rows.length - added };
      });
    });
  }

  async listBankEntries(name: string, query: BankEntryQuery): Promise<Page<StoredBankEntry>> {
    return pgGuard('listBankEntries', async () => {
      const limit = checkLimit(query.limit);
      const after = query.cursor === undefined ? 0 : Number(decodeCursor(query.cursor, ['number'])[0]);
      const exists = await this.#pool.query('SELECT 1 FROM bank WHERE name = $1', [name]);
      if (exists.rowCount === 0) throw notFound('bank', name);
      const { rows } = await this.#pool.query<BankEntryRow>(
        `SELECT * FROM bank_entry WHERE bank = $1 AND seq > $2 AND ($3::text IS NULL OR signal_type = $3)
         ORDER BY seq LIMIT $4`,
        [name, after, query.signalType ?? null, limit + 1],
      );
      return toPage(rows, limit, entryRow, (row) => [Number(row.seq)]);
    });
  }

  async *allBankEntries(
    signalType: BankSignalType,
    options: { enabledOnly?: boolean } = {},
  ): AsyncIterable<StoredBankEntry> {
    const join = options.enabledOnly ? 'JOIN bank b ON b.name = e.bank AND b.enabled = 1' : '';
    let after = 0;
    for (;;) {
      const rows = await pgGuard('allBankEntries', async () => {
        const result = await this.#pool.query<BankEntryRow>(
          `SELECT e.* FROM bank_entry e ${join} WHERE e.signal_type = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
          [signalType, after, PAGE],
        );
        return result.rows;
      });
      yield* rows.map(entryRow);
      if (rows.length < PAGE) return;
      after = Number(rows.at(-1)?.seq ?? after);
    }
  }

  async bankVersion(name: string): Promise<number> {
    return pgGuard('bankVersion', async () => {
      const { rows } = await this.#pool.query<{ version: number }>('SELECT version FROM bank WHERE name = $1', [name]);
      if (!rows[0]) throw notFound('bank', name);
      return rows[0].version;
    });
  }
}
