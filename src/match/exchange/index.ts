/**
 * Bank exchange formats: what HMA, python-threatexchange, ThreatExchange and the Tech Against
 * Terrorism hash list write, read into bank entries with provenance, and written back in the
 * same shapes. Pure: text in, entries out (and back); reading files is the CLI's job.
 * See docs/exchange-formats.md.
 */
export { CsvReader, type CsvRow, formatCsvRow, MAX_CSV_FIELD_CHARS } from './csv.js';
export {
  describeAt,
  EXCHANGE_SKIP_REASONS,
  type ExchangeEntry,
  type ExchangeReader,
  type ExchangeSkipReason,
  type ExchangeWriter,
  type ExportableEntry,
  type ExportContext,
  type ImportDefaults,
  type RecordAt,
  type RecordOutcome,
  type RecordProblem,
  type WriteOutcome,
} from './exchange-record.js';
export {
  createExchangeReader,
  createExchangeWriter,
  EXCHANGE_FORMAT_NAMES,
  EXCHANGE_FORMATS,
  type ExchangeFormat,
  isExchangeFormat,
} from './formats.js';
export { HMA_TE_DATAFILE_COLUMNS, PYTX_CSV_COLUMNS, PYTX_OPINIONS, RASD_CSV_COLUMNS } from './hma-csv.js';
export { HMA_CONTENT_DISABLED, HMA_CONTENT_ENABLED } from './hma-json.js';
export { type JsonRecord, JsonRecordReader } from './json-records.js';
export { formatNote, type Labels, MAX_NOTE_CHARS, parseNote, withLabels } from './note-labels.js';
export {
  nameOfSignalType,
  SIGNAL_TYPE_NAMES,
  signalTypeFromName,
  signalTypeOfTeFileName,
} from './signal-type-names.js';
export { checkSignalValue, MAX_SIGNAL_VALUE_CHARS, type SignalValueCheck } from './signal-value.js';
export { TAT_FIELDS, TAT_IDEOLOGIES } from './tat-hash-list.js';
export { TE_STATUS_DEFAULT } from './threatexchange-json.js';
