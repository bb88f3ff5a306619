/**
 * Matching known content: text banks today (MinHash + LSH over word or character shingles),
 * PDQ indexes for media hashes, and the exchange formats partners share banks in. A pure
 * library: no I/O, no storage, no environment.
 */
export { defaultTextBankNormalize, TEXT_BANK_NORMALIZER_ID } from './default-normalize.js';
export {
  checkSignalValue,
  createExchangeReader,
  createExchangeWriter,
  describeAt,
  EXCHANGE_FORMAT_NAMES,
  EXCHANGE_FORMATS,
  EXCHANGE_SKIP_REASONS,
  type ExchangeEntry,
  type ExchangeFormat,
  type ExchangeReader,
  type ExchangeSkipReason,
  type ExchangeWriter,
  type ExportableEntry,
  type ExportContext,
  type ImportDefaults,
  isExchangeFormat,
  MAX_NOTE_CHARS,
  nameOfSignalType,
  type RecordOutcome,
  type RecordProblem,
  SIGNAL_TYPE_NAMES,
  signalTypeFromName,
  signalTypeOfTeFileName,
} from './exchange/index.js';
/**
 * The exact PDQ index (multi-index hashing): `new PdqIndex()`, `add`, `remove`, `search(hash, 31)`
 * returns what brute force returns within the radius, with distances.
 */
export * from './pdq/index.js';
export { type BankSignOutcome, signForBank } from './sign-for-bank.js';
export {
  candidateProbability,
  DEFAULT_BANDS,
  DEFAULT_ROWS,
  DEFAULT_THRESHOLD,
  type LshHit,
  LshIndex,
  type LshOptions,
} from './text/lsh-index.js';
export {
  jaccardEstimate,
  MINHASH_K,
  MINHASH_SCHEME,
  minhash,
  parseSignature,
  serializeSignature,
  type TextSignature,
} from './text/minhash.js';
export {
  charShingles,
  MIN_CONTENT_CHARS,
  MIN_WORDS,
  SHINGLE_KINDS,
  type ShingleKind,
  shingles,
  type TextShape,
  WORD_SHINGLE_MIN_WORDS,
  wordShingles,
} from './text/shingles.js';
export { type SignOutcome, signText, type UnsignedReason } from './text/sign.js';
export {
  createTextBankIndex,
  type Normalize,
  type TextBankEntry,
  type TextBankIndex,
  type TextBankIndexOptions,
  type TextBankMatch,
} from './text-bank.js';
