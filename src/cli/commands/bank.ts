import Table from 'cli-table3';
import type { Command } from 'commander';
import { createContext } from '../../app/index.js';
import { appError } from '../../core/index.js';
import { defaultTextBankNormalize } from '../../match/index.js';
import type { BankStore } from '../../storage/ports.js';
import { type AddTextResult, addTextFile, SKIP_REASONS } from '../bank-add-text.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';

const BANK_METHODS = ['createBank', 'getBank', 'listBanks', 'setBankEnabled', 'addBankEntries'] as const;

/** The context's store as a BankStore; a store without banks is a wiring fault, said plainly. */
export function bankStoreOf(store: object): BankStore {
  for (const method of BANK_METHODS) {
    if (typeof (store as Record<string, unknown>)[method] !== 'function') {
      throw appError('INTERNAL', 'this store keeps no banks (its adapter does not implement BankStore)');
    }
  }
  return store as BankStore;
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

const DB_OPTION = ['--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)'] as const;

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
    .description('banks of known content: confirmed texts matched again when re-posted');

  bank
    .command('create')
    .description('create an empty bank (names are upper-case letters, digits and _, e.g. TVEC_TEXT)')
    .argument('<name>', 'the bank name')
    .option('--description <text>', 'what the bank holds and where it comes from')
    .option('--disabled', 'create it disabled: kept, not matched')
    .option(...DB_OPTION)
    .action(async (name: string, options: CreateOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const created = await bankStoreOf(ctx.store).createBank({
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
      const banks = await bankStoreOf(ctx.store).listBanks();
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
      .action(async (name: string, options: CommonOptions) => {
        await using ctx = await createContext(configOverrides(options));
        const b = await bankStoreOf(ctx.store).setBankEnabled(name, enabled);
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
    .action(async (bankName: string, file: string, options: AddTextCliOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const store = bankStoreOf(ctx.store);
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
}
