import { type BankEntry, type BankSignalType, CATEGORY_IDS } from '../../core/index.js';
import { checkSignalValue } from './signal-value.js';

/**
 * What every exchange format reads into and writes from. Reading is record by record: each
 * record gives bank entries, or says why it gave none (skipped on purpose, such as an entry
 * the exchange deleted, or rejected as invalid, with what to do about it), so one bad row is
 * reported by its position while the rest of the file goes on.
 */

/**
 * A bank entry as read from an exchange file: core's `BankEntry` without what the importer adds
 * (bank, `addedBy`, `addedAt`), plus the note. `source` is `<origin>#<line or record>`, then the
 * exchange's own ids.
 */
export type ExchangeEntry = Pick<BankEntry, 'signalType' | 'value' | 'org' | 'category' | 'source'> & {
  note?: string;
};

export const EXCHANGE_SKIP_REASONS = ['deleted', 'disabled', 'not-positive', 'unsupported-type'] as const;
export type ExchangeSkipReason = (typeof EXCHANGE_SKIP_REASONS)[number];

export type RecordProblem =
  | { kind: 'skipped'; reason: ExchangeSkipReason; message: string }
  | { kind: 'rejected'; message: string };

/** Where a record starts: its CSV line, or its number in a JSON file and the line it starts on. */
export interface RecordAt {
  unit: 'line' | 'record';
  n: number;
  line: number;
}

export interface RecordOutcome {
  at: RecordAt;
  entries: ExchangeEntry[];
  problems: RecordProblem[];
}

export interface ImportDefaults {
  /** What provenance calls the file: the importer's `--source`, else the file name. */
  origin: string;
  org?: string;
  category?: string;
  /** For rows that do not name their type (bare hashes, HMA 1.0 `.te` data files). */
  signalType?: BankSignalType;
  /** Epoch milliseconds, for HMA's `disable_until_ts` (default `Date.now`). */
  now?: () => number;
}

export interface ExchangeReader {
  push(chunk: string): RecordOutcome[];
  end(): RecordOutcome[];
  /** Set once the file cannot be read on; the records before it stand. */
  readonly fatal: { message: string; line: number } | undefined;
}

/** A stored entry as an exporter needs it. */
export interface ExportableEntry extends ExchangeEntry {
  id: string;
  addedAt: string;
}

export interface ExportContext {
  bank: string;
  bankEnabled: boolean;
  /** Also write types the exchange has no name for, under Rasd's own names. */
  rasdTypes: boolean;
}

export type WriteOutcome =
  | { text: string /** Fields of the entry the format cannot carry. */; lost: string[] }
  | { skip: string };

export interface ExchangeWriter {
  begin(): string;
  write(entry: ExportableEntry): WriteOutcome;
  end(): string;
}

/** The bank store's limit on org, category and source. */
export const MAX_LABEL_CHARS = 1_000;
const CATEGORIES = new Set<string>(CATEGORY_IDS);

export function describeAt(at: RecordAt): string {
  return at.unit === 'line' ? `line ${at.n}` : `record ${at.n} (line ${at.line})`;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface EntryFields {
  signalType: BankSignalType;
  value: unknown;
  /** The record's own; the importer's default applies when absent. */
  org?: unknown;
  category?: unknown;
  note?: string | undefined;
}

/** Collects one record's entries and problems, checking each entry as the store would. */
export class RecordBuilder {
  readonly #entries: ExchangeEntry[] = [];
  readonly #problems: RecordProblem[] = [];

  constructor(
    readonly at: RecordAt,
    readonly defaults: ImportDefaults,
  ) {}

  /** `<origin>#<n>`, the exchange's ids, and where the record itself came from, if it says. */
  source(ids: readonly (string | undefined)[], upstream?: unknown): string {
    const head = [`${this.defaults.origin}#${this.at.n}`, ...ids.filter((id) => id !== undefined && id !== '')];
    const from = typeof upstream === 'string' && upstream.trim() !== '' ? ` from ${upstream.trim()}` : '';
    return cut(`${head.join(' ')}${from}`, MAX_LABEL_CHARS);
  }

  skip(reason: ExchangeSkipReason, message: string): void {
    this.#problems.push({ kind: 'skipped', reason, message });
  }

  reject(message: string): void {
    this.#problems.push({ kind: 'rejected', message });
  }

  add(fields: EntryFields, source: string): void {
    const checked = checkSignalValue(fields.signalType, fields.value);
    if ('error' in checked) {
      this.reject(`${checked.error} — fix the value or remove the row`);
      return;
    }
    const org = text(fields.org) ?? this.defaults.org;
    const category = text(fields.category) ?? this.defaults.category;
    if (org !== undefined && org.length > MAX_LABEL_CHARS) {
      this.reject(`org is longer than ${MAX_LABEL_CHARS} characters — shorten it`);
      return;
    }
    if (category !== undefined && !CATEGORIES.has(category)) {
      this.reject(
        `category ${JSON.stringify(cut(category, 40))} is not a Rasd category (${CATEGORY_IDS.join(', ')}) — fix it or leave it empty`,
      );
      return;
    }
    this.#entries.push({
      signalType: fields.signalType,
      value: checked.value,
      ...(org !== undefined && { org }),
      ...(category !== undefined && { category }),
      ...(fields.note !== undefined && { note: fields.note }),
      source,
    });
  }

  outcome(): RecordOutcome {
    return { at: this.at, entries: this.#entries, problems: this.#problems };
  }
}

/** A non-empty trimmed string from a string or number field, else undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

/** A plain JSON object, else undefined. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
