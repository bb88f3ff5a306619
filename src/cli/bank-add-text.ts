import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { CATEGORY_IDS, invalidInput, isBankName } from '../core/index.js';
import { type Normalize, signForBank } from '../match/index.js';
import type { BankStore, NewBankEntry } from '../storage/ports.js';

/**
 * `rasd bank add-text`: reads a JSONL file of Rasd training-corpus rows (`{id, text, label,
 * category, lang, source, group, quality}`) or Rasd Items (`text`, `messageId`), signs each
 * row's text and adds it to a bank with its provenance (`<file name>#<row id>`). Never echoes
 * a row's text: a bank holds confirmed extremist content, and so do its input files.
 */

export const SKIP_REASONS = ['invalid-json', 'no-text', 'not-tvec', 'quality', 'too-short'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface AddTextOptions {
  normalize: Normalize;
  /** Also bank rows labelled other than `tvec` (default: only `tvec` rows and rows without a label). */
  anyLabel?: boolean;
  /** Only rows whose `quality` is one of these (default: any). */
  quality?: readonly string[];
  /** For rows that name none. */
  org?: string;
  category?: string;
  addedBy?: string;
  batchSize?: number;
  /** How many skipped rows to list by reference (default 50). */
  listSkipped?: number;
}

export interface AddTextResult {
  bank: string;
  file: string;
  rows: number;
  added: number;
  duplicates: number;
  skipped: Record<SkipReason, number>;
  /** The first skipped rows, by reference (file line and row id), never by content. */
  skippedRows: { row: string; reason: SkipReason }[];
}

const CATEGORIES = new Set<string>(CATEGORY_IDS);

interface Row {
  id?: unknown;
  messageId?: unknown;
  text?: unknown;
  label?: unknown;
  quality?: unknown;
  category?: unknown;
  org?: unknown;
}

function rowId(row: Row, line: number): string {
  for (const id of [row.id, row.messageId]) {
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
  }
  return `line-${line}`;
}

/** Reads `file` and adds its rows to `bank` in batches, each batch one transaction. */
export async function addTextFile(
  store: Pick<BankStore, 'getBank' | 'addBankEntries'>,
  bank: string,
  file: string,
  options: AddTextOptions,
): Promise<AddTextResult> {
  if (!isBankName(bank)) throw invalidInput(`"${bank}" is not a bank name (upper-case letters, digits, _)`, 'bank');
  if (!(await store.getBank(bank)))
    throw invalidInput(`no bank named ${bank}; create it with: rasd bank create ${bank}`);
  if (options.category !== undefined && !CATEGORIES.has(options.category)) {
    throw invalidInput(`--category must be one of ${CATEGORY_IDS.join(', ')}`, 'category');
  }
  const name = basename(file);
  const batchSize = options.batchSize ?? 1_000;
  const listSkipped = options.listSkipped ?? 50;
  const quality = options.quality && new Set(options.quality);
  const result: AddTextResult = {
    bank,
    file: name,
    rows: 0,
    added: 0,
    duplicates: 0,
    skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
    skippedRows: [],
  };
  const skip = (ref: string, reason: SkipReason) => {
    result.skipped[reason] += 1;
    if (result.skippedRows.length < listSkipped) result.skippedRows.push({ row: ref, reason });
  };
  let batch: NewBankEntry[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { added, duplicates } = await store.addBankEntries(bank, batch);
    result.added += added;
    result.duplicates += duplicates;
    batch = [];
  };

  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    if (raw.trim() === '') continue;
    result.rows += 1;
    let row: Row;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      row = parsed as Row;
    } catch {
      skip(`${name}:${line}`, 'invalid-json');
      continue;
    }
    const ref = `${name}#${rowId(row, line)}`;
    if (typeof row.text !== 'string' || row.text.trim() === '') {
      skip(ref, 'no-text');
      continue;
    }
    if (!options.anyLabel && typeof row.label === 'string' && row.label !== 'tvec') {
      skip(ref, 'not-tvec');
      continue;
    }
    if (quality && !(typeof row.quality === 'string' && quality.has(row.quality))) {
      skip(ref, 'quality');
      continue;
    }
    const signed = signForBank(row.text, options.normalize);
    if (!('value' in signed)) {
      skip(ref, 'too-short');
      continue;
    }
    const category = typeof row.category === 'string' && CATEGORIES.has(row.category) ? row.category : options.category;
    const org = typeof row.org === 'string' && row.org !== '' ? row.org : options.org;
    batch.push({
      signalType: 'text-minhash',
      value: signed.value,
      ...(org !== undefined && { org }),
      ...(category !== undefined && { category }),
      source: ref,
      addedBy: options.addedBy ?? 'cli',
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return result;
}
