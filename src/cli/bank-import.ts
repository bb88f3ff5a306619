import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { appError, type BankSignalType, CATEGORY_IDS, invalidInput, isAppError, isBankName } from '../core/index.js';
import {
  checkSignalValue,
  createExchangeReader,
  describeAt,
  EXCHANGE_SKIP_REASONS,
  type ExchangeFormat,
  type ExchangeSkipReason,
  MAX_NOTE_CHARS,
  type RecordOutcome,
} from '../match/index.js';
import type { BankStore, NewBankEntry } from '../storage/ports.js';

/**
 * `rasd bank import`: streams an exchange file (see docs/exchange-formats.md) into a bank in
 * batches, each batch one transaction, so a file of any size reads in bounded memory and a
 * bad row costs only itself. Importing a file again adds nothing twice: the store counts the
 * repeats as duplicates. Rows are named by line or record number, never by their values.
 */

export interface ImportFileOptions {
  format: ExchangeFormat;
  /** What provenance calls the file (default: its name). */
  source?: string;
  org?: string;
  category?: string;
  /** For files whose rows do not name a signal type. */
  signalType?: BankSignalType;
  addedBy?: string;
  /** Entries per transaction (default 5,000). */
  batchSize?: number;
  /** How many problems to list by position (default 20); all are counted. */
  listProblems?: number;
  now?: () => number;
}

export interface ImportProblem {
  /** `<file> line 12`, or `<file> record 3 (line 17)`. */
  record: string;
  kind: 'skipped' | 'rejected';
  reason?: ExchangeSkipReason;
  message: string;
}

export interface ImportResult {
  bank: string;
  file: string;
  format: ExchangeFormat;
  records: number;
  added: number;
  duplicates: number;
  skipped: Record<ExchangeSkipReason, number>;
  rejected: number;
  /** The first problems, by position. */
  problems: ImportProblem[];
  /** Where and why the file could not be read on; everything before it was imported. */
  fatal?: string;
}

export const DEFAULT_IMPORT_BATCH = 5_000;

async function checkTarget(store: Pick<BankStore, 'getBank'>, bank: string, options: ImportFileOptions, file: string) {
  if (!isBankName(bank)) throw invalidInput(`"${bank}" is not a bank name (upper-case letters, digits, _)`, 'bank');
  if (!(await store.getBank(bank))) {
    throw invalidInput(`no bank named ${bank}; create it with: rasd bank create ${bank} (or pass --create)`);
  }
  if (options.category !== undefined && !(CATEGORY_IDS as readonly string[]).includes(options.category)) {
    throw invalidInput(`--category must be one of ${CATEGORY_IDS.join(', ')}`, 'category');
  }
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw appError('SOURCE_UNREADABLE', `cannot read ${file}: ${error.code ?? error.message}`, file);
  });
  if (!info.isFile()) throw appError('SOURCE_UNREADABLE', `${file} is not a file`, file);
}

/** Batches entries into the store; a batch the store refuses is retried entry by entry so only bad ones are lost. */
class BatchWriter {
  #entries: NewBankEntry[] = [];
  #refs: string[] = [];

  constructor(
    private readonly store: Pick<BankStore, 'addBankEntries'>,
    private readonly bank: string,
    private readonly size: number,
    private readonly result: ImportResult,
    private readonly reject: (record: string, message: string) => void,
  ) {}

  async add(entry: NewBankEntry, ref: string): Promise<void> {
    this.#entries.push(entry);
    this.#refs.push(ref);
    if (this.#entries.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    const entries = this.#entries;
    const refs = this.#refs;
    this.#entries = [];
    this.#refs = [];
    if (entries.length === 0) return;
    try {
      this.#count(await this.store.addBankEntries(this.bank, entries));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'INPUT_INVALID') throw error;
      for (const [i, entry] of entries.entries()) {
        try {
          this.#count(await this.store.addBankEntries(this.bank, [entry]));
        } catch (one) {
          if (!isAppError(one) || one.code !== 'INPUT_INVALID') throw one;
          this.reject(
            refs[i] as string,
            `the bank refused it: ${(one.detail ?? one.message).replace(/^entries\/0\//, '')}`,
          );
        }
      }
    }
  }

  #count(done: { added: number; duplicates: number }): void {
    this.result.added += done.added;
    this.result.duplicates += done.duplicates;
  }
}

/** Reads `file` in `options.format` and adds its entries to `bank`. */
export async function importBankFile(
  store: Pick<BankStore, 'getBank' | 'addBankEntries'>,
  bank: string,
  file: string,
  options: ImportFileOptions,
): Promise<ImportResult> {
  await checkTarget(store, bank, options, file);
  const name = basename(file);
  const listProblems = options.listProblems ?? 20;
  const result: ImportResult = {
    bank,
    file: name,
    format: options.format,
    records: 0,
    added: 0,
    duplicates: 0,
    skipped: Object.fromEntries(EXCHANGE_SKIP_REASONS.map((r) => [r, 0])) as Record<ExchangeSkipReason, number>,
    rejected: 0,
    problems: [],
  };
  const list = (problem: ImportProblem) => {
    if (result.problems.length < listProblems) result.problems.push(problem);
  };
  const reject = (record: string, message: string) => {
    result.rejected += 1;
    list({ record, kind: 'rejected', message });
  };
  const writer = new BatchWriter(store, bank, options.batchSize ?? DEFAULT_IMPORT_BATCH, result, reject);
  const addedBy = options.addedBy ?? 'cli';
  const take = async (outcome: RecordOutcome) => {
    result.records += 1;
    const record = `${name} ${describeAt(outcome.at)}`;
    for (const problem of outcome.problems) {
      if (problem.kind === 'rejected') reject(record, problem.message);
      else {
        result.skipped[problem.reason] += 1;
        list({ record, kind: 'skipped', reason: problem.reason, message: problem.message });
      }
    }
    for (const entry of outcome.entries) await writer.add({ ...entry, addedBy }, record);
  };

  const reader = createExchangeReader(options.format, {
    origin: options.source ?? name,
    ...(options.org !== undefined && { org: options.org }),
    ...(options.category !== undefined && { category: options.category }),
    ...(options.signalType !== undefined && { signalType: options.signalType }),
    ...(options.now !== undefined && { now: options.now }),
  });
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      for (const outcome of reader.push(chunk as string)) await take(outcome);
      if (reader.fatal) break;
    }
    if (!reader.fatal) for (const outcome of reader.end()) await take(outcome);
  } finally {
    stream.destroy();
  }
  await writer.flush();
  if (reader.fatal) result.fatal = `${name} line ${reader.fatal.line}: ${reader.fatal.message}`;
  return result;
}

/** The summary a person reads: counts, then the first problems by position. */
export function formatImportResult(result: ImportResult): string {
  const skipped = EXCHANGE_SKIP_REASONS.filter((r) => result.skipped[r] > 0).map((r) => `${r} ${result.skipped[r]}`);
  const skippedTotal = EXCHANGE_SKIP_REASONS.reduce((n, r) => n + result.skipped[r], 0);
  const lines = [
    `${result.bank}: ${result.records} records read from ${result.file} (${result.format}), ${result.added} added, ` +
      `${result.duplicates} already in the bank, ${skippedTotal} skipped${skipped.length ? ` (${skipped.join(', ')})` : ''}, ` +
      `${result.rejected} rejected`,
  ];
  for (const p of result.problems) lines.push(`  ${p.kind} ${p.record}: ${p.message}`);
  const more = skippedTotal + result.rejected - result.problems.length;
  if (more > 0) lines.push(`  … and ${more} more`);
  if (result.fatal) lines.push(`  stopped at ${result.fatal}`);
  return `${lines.join('\n')}\n`;
}

export interface AddValuesOptions {
  signalType: BankSignalType;
  org?: string;
  category?: string;
  note?: string;
  /** Provenance of every value (default `bank add`). */
  source?: string;
  addedBy?: string;
}

export interface AddValuesResult {
  bank: string;
  values: number;
  added: number;
  duplicates: number;
  rejected: { value: number; message: string }[];
}

/** `rasd bank add`: values given on the command line, each checked; the good ones are added in one transaction. */
export async function addBankValues(
  store: Pick<BankStore, 'getBank' | 'addBankEntries'>,
  bank: string,
  values: readonly string[],
  options: AddValuesOptions,
): Promise<AddValuesResult> {
  if (!isBankName(bank)) throw invalidInput(`"${bank}" is not a bank name (upper-case letters, digits, _)`, 'bank');
  if (!(await store.getBank(bank))) {
    throw invalidInput(`no bank named ${bank}; create it with: rasd bank create ${bank} (or pass --create)`);
  }
  if (options.category !== undefined && !(CATEGORY_IDS as readonly string[]).includes(options.category)) {
    throw invalidInput(`--category must be one of ${CATEGORY_IDS.join(', ')}`, 'category');
  }
  if (options.note !== undefined && options.note.length > MAX_NOTE_CHARS) {
    throw invalidInput(`--note is at most ${MAX_NOTE_CHARS} characters (HMA's limit too)`, 'note');
  }
  const result: AddValuesResult = { bank, values: values.length, added: 0, duplicates: 0, rejected: [] };
  const entries: NewBankEntry[] = [];
  for (const [i, raw] of values.entries()) {
    const checked = checkSignalValue(options.signalType, raw);
    if ('error' in checked) {
      result.rejected.push({ value: i + 1, message: `${checked.error} — fix the value` });
      continue;
    }
    entries.push({
      signalType: options.signalType,
      value: checked.value,
      ...(options.org !== undefined && { org: options.org }),
      ...(options.category !== undefined && { category: options.category }),
      ...(options.note !== undefined && { note: options.note }),
      source: options.source ?? 'bank add',
      addedBy: options.addedBy ?? 'cli',
    });
  }
  if (entries.length > 0) {
    const done = await store.addBankEntries(bank, entries);
    result.added = done.added;
    result.duplicates = done.duplicates;
  }
  return result;
}
