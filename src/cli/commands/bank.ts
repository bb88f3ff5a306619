import { basename } from 'node:path';
import Table from 'cli-table3';
import { type Command, Option } from 'commander';
import { createContext } from '../../app/index.js';
import { appError, BANK_SIGNAL_TYPES, type BankSignalType } from '../../core/index.js';
import {
  defaultTextBankNormalize,
  EXCHANGE_FORMAT_NAMES,
  EXCHANGE_FORMATS,
  type ExchangeFormat,
  signalTypeOfTeFileName,
} from '../../match/index.js';
import { auditedBankStore } from '../../review/audited-bank-store.js';
import type { AuditStore, BankStore } from '../../storage/ports.js';
import { type AddTextResult, addTextFile, SKIP_REASONS } from '../bank-add-text.js';
import { exportBank, exportBankToFile, formatExportResult, streamSink } from '../bank-export.js';
import { addBankValues, formatImportResult, importBankFile } from '../bank-import.js';
import { readValueArgs } from '../bank-value-files.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';

const BANK_METHODS = ['createBank', 'getBank', 'listBanks', 'setBankEnabled', 'addBankEntries'] as const;

/**
 * The context's store as a BankStore; a store without banks is a wiring fault, said plainly.
 * When the store keeps an audit log, every bank change through it is audited as this OS user.
 */
export function bankStoreOf(store: object, reason?: string): BankStore {
  for (const method of BANK_METHODS) {
    if (typeof (store as Record<string, unknown>)[method] !== 'function') {
      throw appError('INTERNAL', 'this store keeps no banks (its adapter does not implement BankStore)');
    }
  }
  if (typeof (store as Record<string, unknown>).appendAudit !== 'function') return store as BankStore;
  return auditedBankStore(store as BankStore & AuditStore, cliActor(), reason ?? 'rasd bank (no --reason given)');
}

interface JsonOption extends CommonOptions {
  json?: boolean;
}

interface CreateOptions extends CommonOptions {
  description?: string;
  disabled?: boolean;
}

interface AddTextCliOptions extends JsonOption {
  create?: boolean;
  anyLabel?: boolean;
  quality?: string;
  org?: string;
  category?: string;
  batchSize?: number;
}

interface ImportCliOptions extends JsonOption {
  format: ExchangeFormat;
  source?: string;
  org?: string;
  category?: string;
  type?: BankSignalType;
  create?: boolean;
  batchSize?: number;
}

interface ExportCliOptions extends JsonOption {
  format: ExchangeFormat;
  out?: string;
  type?: BankSignalType[];
  includeRasdTypes?: boolean;
}

interface AddCliOptions extends JsonOption {
  type: BankSignalType;
  org?: string;
  category?: string;
  note?: string;
  source?: string;
  create?: boolean;
}

const DB_OPTION = ['--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)'] as const;
const REASON_OPTION = ['--reason <text>', 'why this change is made; recorded in the audit log'] as const;

const FORMAT_HELP = `exchange format: ${EXCHANGE_FORMAT_NAMES.map((f) => `${f} (${EXCHANGE_FORMATS[f].title})`).join(', ')}; see docs/exchange-formats.md`;
const formatOption = () => new Option('--format <format>', FORMAT_HELP).choices(EXCHANGE_FORMAT_NAMES);
const typeOption = (what: string) => new Option('--type <type>', what).choices(BANK_SIGNAL_TYPES);

/** `--type pdq,md5` for export, checked as commander parses it. */
function parseTypes(list: string): BankSignalType[] {
  const types = list.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !(BANK_SIGNAL_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0)
    throw new Error(`unknown signal type ${unknown.join(', ')}; use ${BANK_SIGNAL_TYPES.join(', ')}`);
  return types as BankSignalType[];
}

async function ensureBank(store: BankStore, name: string, create: boolean | undefined): Promise<void> {
  if (create && !(await store.getBank(name))) await store.createBank({ name });
}

function printAddText(result: AddTextResult): void {
  const skipped = SKIP_REASONS.filter((r) => result.skipped[r] > 0).map((r) => `${r} ${result.skipped[r]}`);
  const total = SKIP_REASONS.reduce((n, r) => n + result.skipped[r], 0);
  process.stdout.write(
    `${result.bank}: ${result.rows} rows read from ${result.file}, ${result.added} added, ` +
      `${result.duplicates} already in the bank, ${total} skipped${skipped.length ? ` (${skipped.join(', ')})` : ''}\n`,
  );
  const shown = result.skippedRows.slice(0, 20);
  for (const { row, reason } of shown) process.stdout.write(`  skipped ${row}: ${reason}\n`);
  if (total > shown.length) process.stdout.write(`  … and ${total - shown.length} more skipped rows\n`);
}

export function registerBank(program: Command): void {
  const bank = program
    .command('bank')
    .description('banks of known content (hashes, texts, urls) matched again when re-posted');

  bank
    .command('create')
    .description('create an empty bank (names are upper-case letters, digits and _, e.g. TVEC_TEXT)')
    .argument('<name>', 'the bank name')
    .option('--description <text>', 'what the bank holds and where it comes from')
    .option('--disabled', 'create it disabled: kept, not matched')
    .option(...DB_OPTION)
    .option(...REASON_OPTION)
    .action(async (name: string, options: CreateOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const created = await bankStoreOf(ctx.store, options.reason).createBank({
        name,
        ...(options.description !== undefined && { description: options.description }),
        enabled: !options.disabled,
      });
      process.stdout.write(`created bank ${created.name}${created.enabled ? '' : ' (disabled)'}\n`);
    });

  bank
    .command('list')
    .description('list banks with their entry counts and versions')
    .option('--json', 'print a JSON array instead of a table')
    .option(...DB_OPTION)
    .action(async (options: JsonOption) => {
      await using ctx = await createContext(configOverrides(options));
      const banks = await bankStoreOf(ctx.store, options.reason).listBanks();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(banks)}\n`);
        return;
      }
      if (banks.length === 0) {
        process.stdout.write('no banks yet; create one with: rasd bank create NAME\n');
        return;
      }
      const plain = process.stdout.isTTY ? {} : { style: { head: [], border: [] } };
      const table = new Table({ head: ['bank', 'enabled', 'entries', 'version', 'created', 'description'], ...plain });
      for (const b of banks) {
        table.push([b.name, b.enabled ? 'yes' : 'no', b.entries, b.version, b.createdAt, b.description]);
      }
      process.stdout.write(`${table.toString()}\n`);
    });

  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    bank
      .command(verb)
      .description(enabled ? 'match a bank again' : 'keep a bank but stop matching it')
      .argument('<name>', 'the bank name')
      .option(...DB_OPTION)
      .option(...REASON_OPTION)
      .action(async (name: string, options: CommonOptions) => {
        await using ctx = await createContext(configOverrides(options));
        const b = await bankStoreOf(ctx.store, options.reason).setBankEnabled(name, enabled);
        process.stdout.write(`${b.name} is ${b.enabled ? 'enabled' : 'disabled'} (version ${b.version})\n`);
      });
  }

  bank
    .command('add-text')
    .description('sign the texts of a JSONL file (training-corpus rows or items) and add them to a bank')
    .argument('<bank>', 'the bank name')
    .argument('<file>', 'a .jsonl file with a "text" field on each row')
    .option('--create', 'create the bank if it does not exist')
    .option('--any-label', 'also add rows labelled other than "tvec" (by default those are skipped)')
    .option('--quality <list>', 'only rows of these qualities, e.g. gold,silver')
    .option('--org <id>', 'organisation for rows that name none')
    .option('--category <id>', 'category for rows that name none')
    .option('--batch-size <n>', 'entries per transaction', parsePositive)
    .option('--json', 'print one JSON object instead of lines')
    .option(...DB_OPTION)
    .option(...REASON_OPTION)
    .action(async (bankName: string, file: string, options: AddTextCliOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const store = bankStoreOf(ctx.store, options.reason);
      if (options.create && !(await store.getBank(bankName))) await store.createBank({ name: bankName });
      const result = await addTextFile(store, bankName, file, {
        normalize: defaultTextBankNormalize,
        ...(options.anyLabel && { anyLabel: true }),
        ...(options.quality !== undefined && { quality: options.quality.split(',').map((q) => q.trim()) }),
        ...(options.org !== undefined && { org: options.org }),
        ...(options.category !== undefined && { category: options.category }),
        ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
      });
      ctx.log.ingest.info({ bank: result.bank, rows: result.rows, added: result.added }, 'bank.add-text');
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else printAddText(result);
    });

  registerImport(bank);
  registerExport(bank);
  registerAdd(bank);
}

function registerImport(bank: Command): void {
  bank
    .command('import')
    .description('import an HMA, ThreatExchange or Tech Against Terrorism file into a bank')
    .argument('<bank>', 'the bank name')
    .argument('<file>', 'the file to read')
    .addOption(formatOption().makeOptionMandatory())
    .option('--source <text>', 'what provenance calls the file (default: its name)')
    .option('--org <id>', 'organisation for rows that name none')
    .option('--category <id>', 'category for rows that name none')
    .addOption(typeOption('signal type of rows that name none (bare hashes; HMA 1.0 .te files say it in their name)'))
    .option('--create', 'create the bank if it does not exist')
    .option('--batch-size <n>', 'entries per transaction (default 5000)', parsePositive)
    .option('--json', 'print one JSON object instead of lines')
    .option(...DB_OPTION)
    .option(...REASON_OPTION)
    .action(async (bankName: string, file: string, options: ImportCliOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const store = bankStoreOf(ctx.store, options.reason);
      await ensureBank(store, bankName, options.create);
      const signalType =
        options.type ?? (options.format === 'hma-csv' ? signalTypeOfTeFileName(basename(file)) : undefined);
      const result = await importBankFile(store, bankName, file, {
        format: options.format,
        ...(options.source !== undefined && { source: options.source }),
        ...(options.org !== undefined && { org: options.org }),
        ...(options.category !== undefined && { category: options.category }),
        ...(signalType !== undefined && { signalType }),
        ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
      });
      ctx.log.ingest.info(
        { bank: result.bank, format: result.format, records: result.records, added: result.added },
        'bank.import',
      );
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatImportResult(result));
      if (result.fatal) {
        throw appError(
          result.records === 0 ? 'SOURCE_FORMAT_UNKNOWN' : 'SOURCE_UNREADABLE',
          `${result.fatal}; the ${result.records} records before it were imported — fix the file and import it again (nothing is added twice)`,
          file,
        );
      }
    });
}

function registerExport(bank: Command): void {
  bank
    .command('export')
    .description('write a bank in an HMA, ThreatExchange or Tech Against Terrorism format')
    .argument('<bank>', 'the bank name')
    .addOption(formatOption().default('hma-csv'))
    .option('--out <file>', 'write to this file (default: standard output, with the summary on standard error)')
    .option('--type <list>', 'only these signal types, e.g. pdq,md5', parseTypes)
    .option('--include-rasd-types', "also write types the format has no name for, under Rasd's names")
    .option('--json', 'print the summary as one JSON object')
    .option(...DB_OPTION)
    .action(async (bankName: string, options: ExportCliOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const store = bankStoreOf(ctx.store, options.reason);
      const exportOptions = {
        format: options.format,
        ...(options.type !== undefined && { types: options.type }),
        ...(options.includeRasdTypes && { rasdTypes: true }),
      };
      const result = options.out
        ? await exportBankToFile(store, bankName, options.out, exportOptions)
        : await exportBank(store, bankName, streamSink(process.stdout), exportOptions);
      ctx.log.ingest.info({ bank: result.bank, format: result.format, written: result.written }, 'bank.export');
      const summary = options.json ? `${JSON.stringify(result)}\n` : formatExportResult(result, options.out);
      (options.out ? process.stdout : process.stderr).write(summary);
    });
}

function registerAdd(bank: Command): void {
  bank
    .command('add')
    .description('add hashes (or other signal values) to a bank directly')
    .argument('<bank>', 'the bank name')
    .argument('<values...>', 'one or more values, e.g. 64-hex PDQ hashes; @FILE reads one from a file (a .tmk, say)')
    .addOption(typeOption('signal type of the values').makeOptionMandatory())
    .option('--org <id>', 'organisation the content is attributed to')
    .option('--category <id>', 'category of the content')
    .option('--note <text>', 'a short note (at most 255 characters), never the content itself')
    .option('--source <text>', 'provenance of the values (default "bank add")')
    .option('--create', 'create the bank if it does not exist')
    .option('--json', 'print one JSON object instead of lines')
    .option(...DB_OPTION)
    .option(...REASON_OPTION)
    .action(async (bankName: string, values: string[], options: AddCliOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const store = bankStoreOf(ctx.store, options.reason);
      await ensureBank(store, bankName, options.create);
      const result = await addBankValues(store, bankName, await readValueArgs(values), {
        signalType: options.type,
        ...(options.org !== undefined && { org: options.org }),
        ...(options.category !== undefined && { category: options.category }),
        ...(options.note !== undefined && { note: options.note }),
        ...(options.source !== undefined && { source: options.source }),
      });
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        process.stdout.write(
          `${result.bank}: ${result.values} values, ${result.added} added, ${result.duplicates} already in the bank, ${result.rejected.length} rejected\n`,
        );
        for (const r of result.rejected) process.stdout.write(`  rejected value ${r.value}: ${r.message}\n`);
      }
      if (result.rejected.length > 0) {
        throw appError(
          'INPUT_INVALID',
          `${result.rejected.length} of ${result.values} values were rejected; the others were added`,
        );
      }
    });
}
