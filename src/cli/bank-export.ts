import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { type BankSignalType, invalidInput, notFound } from '../core/index.js';
import { createExchangeWriter, type ExchangeFormat, type ExportableEntry } from '../match/index.js';
import type { BankStore, StoredBankEntry } from '../storage/ports.js';

/**
 * `rasd bank export`: writes a bank in an exchange format (see docs/exchange-formats.md), page
 * by page, so a large bank never sits in memory. To a file it writes `<out>.partial` and
 * renames it at the end, so a failed export never leaves a file that looks complete.
 */

export interface ExportBankOptions {
  format: ExchangeFormat;
  /** Only these signal types (default: all). */
  types?: readonly BankSignalType[];
  /** Also write types the format has no name for, under Rasd's names. */
  rasdTypes?: boolean;
  /** Entries read per page (default 1,000). */
  pageSize?: number;
}

export interface ExportResult {
  bank: string;
  format: ExchangeFormat;
  written: number;
  /** Entries left out, by why. */
  skipped: Record<string, number>;
  /** Entries written without some of their fields, by field: what the format cannot carry. */
  lost: Record<string, number>;
}

export type Sink = (text: string) => Promise<void>;

/**
 * Writes to a stream, waiting when it asks to (stdout to a pipe, a file on a slow disk). A
 * stream error (disk full, closed pipe) is thrown from the next write instead of crashing.
 */
export function streamSink(stream: Writable): Sink {
  let failed: Error | undefined;
  stream.on('error', (error) => {
    failed = error;
  });
  return async (text) => {
    if (failed) throw failed;
    if (text !== '' && !stream.write(text)) await once(stream, 'drain');
    if (failed) throw failed;
  };
}

function exportable(entry: StoredBankEntry): ExportableEntry {
  return {
    id: entry.id,
    signalType: entry.signalType,
    value: entry.value,
    ...(entry.org !== undefined && { org: entry.org }),
    ...(entry.category !== undefined && { category: entry.category }),
    ...(entry.note !== undefined && { note: entry.note }),
    source: entry.source,
    addedAt: entry.addedAt,
  };
}

async function* entriesOf(
  store: Pick<BankStore, 'listBankEntries'>,
  bank: string,
  options: ExportBankOptions,
): AsyncGenerator<StoredBankEntry[]> {
  const limit = options.pageSize ?? 1_000;
  for (const signalType of options.types ?? [undefined]) {
    let cursor: string | undefined;
    do {
      const page = await store.listBankEntries(bank, {
        limit,
        ...(signalType !== undefined && { signalType }),
        ...(cursor !== undefined && { cursor }),
      });
      yield page.rows;
      cursor = page.next;
    } while (cursor !== undefined);
  }
}

export async function exportBank(
  store: Pick<BankStore, 'getBank' | 'listBankEntries'>,
  bank: string,
  sink: Sink,
  options: ExportBankOptions,
): Promise<ExportResult> {
  const summary = await store.getBank(bank);
  if (!summary) throw notFound('bank', bank);
  const writer = createExchangeWriter(options.format, {
    bank,
    bankEnabled: summary.enabled,
    rasdTypes: options.rasdTypes ?? false,
  });
  const result: ExportResult = { bank, format: options.format, written: 0, skipped: {}, lost: {} };
  await sink(writer.begin());
  for await (const rows of entriesOf(store, bank, options)) {
    let text = '';
    for (const entry of rows) {
      const out = writer.write(exportable(entry));
      if ('skip' in out) {
        result.skipped[out.skip] = (result.skipped[out.skip] ?? 0) + 1;
        continue;
      }
      text += out.text;
      result.written += 1;
      for (const field of out.lost) result.lost[field] = (result.lost[field] ?? 0) + 1;
    }
    await sink(text);
  }
  await sink(writer.end());
  return result;
}

/** Exports to `out` through `<out>.partial`, renamed only once everything is written. */
export async function exportBankToFile(
  store: Pick<BankStore, 'getBank' | 'listBankEntries'>,
  bank: string,
  out: string,
  options: ExportBankOptions,
): Promise<ExportResult> {
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial, { encoding: 'utf8' });
  try {
    await once(stream, 'open').catch((error: NodeJS.ErrnoException) => {
      throw invalidInput(`cannot write ${out}: ${error.code ?? error.message}`, 'out');
    });
    const result = await exportBank(store, bank, streamSink(stream), options);
    stream.end();
    await once(stream, 'finish');
    await rename(partial, out);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/** The summary a person reads: counts, then what was left out or cut, and how to include it. */
export function formatExportResult(result: ExportResult, out: string | undefined): string {
  const lines = [`${result.bank}: ${result.written} entries written as ${result.format}${out ? ` to ${out}` : ''}`];
  for (const [why, count] of Object.entries(result.skipped)) {
    lines.push(`  left out ${count}: ${why} (add --include-rasd-types to write them under Rasd's names)`);
  }
  for (const [field, count] of Object.entries(result.lost)) {
    lines.push(`  ${count} written without their ${field}: the ${result.format} format has no field for it`);
  }
  return `${lines.join('\n')}\n`;
}
