import { invalidInput } from '../core/index.js';
import { DEFAULT_THRESHOLD, LshIndex } from './text/lsh-index.js';
import { MINHASH_K, parseSignature } from './text/minhash.js';
import { SHINGLE_KINDS, type ShingleKind, shapeOf, WORD_SHINGLE_MIN_WORDS } from './text/shingles.js';
import { signTokens } from './text/sign.js';
import { type Tokens, tokenize } from './text/tokens.js';

/**
 * An in-memory index of `text-minhash` bank entries that finds re-posts of banked texts: small
 * edits, re-ordered sentences, extra lines before or after, and (once normalised) zero-width
 * characters, letter variants and tatweel.
 *
 * The normaliser is passed in, so banking and matching always fold text the same way; it must
 * be the one the entries were signed with (a changed normaliser means re-signing the banks).
 *
 * Shingle kinds: an entry is signed as word 3-grams (≥ 8 words) or character 5-grams (shorter
 * or unsegmented text), and the two kinds are never compared with each other. A re-post can
 * cross that line (an 8-word entry re-posted with a word cut), so a query with 5–11 words is
 * signed both ways and looked up in both; longer ones only as words, shorter only as characters.
 * Texts too short to bank are not matched either (see `signText`).
 */

export type Normalize = (text: string) => string;

/** What the index needs of a bank entry; `value` is a serialised `mh1` signature. */
export interface TextBankEntry {
  id: string;
  bank: string;
  value: string;
  org?: string;
  category?: string;
  source?: string;
}

export interface TextBankMatch {
  bank: string;
  entryId: string;
  /** Estimated Jaccard similarity of the shingle sets, 0–1. */
  similarity: number;
  org?: string;
  category?: string;
  source?: string;
}

export interface TextBankIndexOptions {
  normalize: Normalize;
  /** Minimum estimated Jaccard for a match (default 0.5). */
  threshold?: number;
  /** At most this many matches per text, best first (default 10). */
  maxMatches?: number;
  entries?: Iterable<TextBankEntry>;
  /** Banks whose entries are kept but not matched until enabled. */
  disabledBanks?: Iterable<string>;
}

export interface TextBankIndex {
  readonly size: number;
  readonly threshold: number;
  /** Adds or replaces an entry; INPUT_INVALID when its value is not an `mh1` signature. */
  add(entry: TextBankEntry): void;
  remove(id: string): boolean;
  setBankEnabled(bank: string, enabled: boolean): void;
  /** Normalises `text`, then matches it. */
  match(text: string): TextBankMatch[];
  /** Matches text that was normalised already with the same normaliser. */
  matchNormalized(normalized: string): TextBankMatch[];
}

/** Queries with this many words or more are looked up as word shingles… */
const QUERY_WORDS_FROM = WORD_SHINGLE_MIN_WORDS - 3;
/** …and with fewer than this many also (or only) as character shingles. */
const QUERY_CHARS_BELOW = WORD_SHINGLE_MIN_WORDS + 4;
const DEFAULT_MAX_MATCHES = 10;

type EntryInfo = Omit<TextBankEntry, 'value'>;

export function createTextBankIndex(options: TextBankIndexOptions): TextBankIndex {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const maxMatches = options.maxMatches ?? DEFAULT_MAX_MATCHES;
  if (!Number.isInteger(maxMatches) || maxMatches < 1) {
    throw invalidInput(`maxMatches must be a whole number ≥ 1, got ${maxMatches}`);
  }
  const normalize = options.normalize;
  const lsh = Object.fromEntries(SHINGLE_KINDS.map((kind) => [kind, new LshIndex({ threshold })])) as Record<
    ShingleKind,
    LshIndex
  >;
  const info = new Map<string, EntryInfo & { kind: ShingleKind }>();
  const disabled = new Set(options.disabledBanks ?? []);

  function remove(id: string): boolean {
    const known = info.get(id);
    if (!known) return false;
    lsh[known.kind].remove(id);
    info.delete(id);
    return true;
  }

  function add(entry: TextBankEntry): void {
    const signature = parseSignature(entry.value);
    remove(entry.id);
    lsh[signature.kind].add(entry.id, signature.values);
    // Only what a match reports: a stored entry passed whole keeps none of its other fields here.
    info.set(entry.id, {
      id: entry.id,
      bank: entry.bank,
      ...(entry.org !== undefined && { org: entry.org }),
      ...(entry.category !== undefined && { category: entry.category }),
      ...(entry.source !== undefined && { source: entry.source }),
      kind: signature.kind,
    });
  }

  const scratch = new Uint32Array(MINHASH_K);

  function lookup(normalized: string, kind: ShingleKind, tokens: Tokens, out: TextBankMatch[]) {
    const index = lsh[kind];
    if (index.size === 0) return;
    for (const hit of index.query(signTokens(normalized, tokens, kind, scratch).values)) {
      const entry = info.get(hit.id);
      if (!entry || disabled.has(entry.bank)) continue;
      const { kind: _kind, id, ...meta } = entry;
      out.push({ ...meta, entryId: id, similarity: hit.similarity });
    }
  }

  function matchNormalized(normalized: string): TextBankMatch[] {
    if (info.size === 0) return [];
    const tokens = tokenize(normalized);
    const shape = shapeOf(tokens);
    if (!shape.eligible) return [];
    const out: TextBankMatch[] = [];
    if (shape.segmented && shape.words >= QUERY_WORDS_FROM) lookup(normalized, 'w3', tokens, out);
    if (shape.kind === 'c5' || shape.words < QUERY_CHARS_BELOW) lookup(normalized, 'c5', tokens, out);
    if (out.length > 1) {
      out.sort(
        (x, y) =>
          y.similarity - x.similarity ||
          (x.bank < y.bank ? -1 : x.bank > y.bank ? 1 : x.entryId < y.entryId ? -1 : x.entryId > y.entryId ? 1 : 0),
      );
    }
    return out.length > maxMatches ? out.slice(0, maxMatches) : out;
  }

  for (const entry of options.entries ?? []) add(entry);

  return {
    get size() {
      return info.size;
    },
    threshold,
    add,
    remove,
    setBankEnabled(bank: string, enabled: boolean) {
      if (enabled) disabled.delete(bank);
      else disabled.add(bank);
    },
    match: (text: string) => (info.size === 0 ? [] : matchNormalized(normalize(text))),
    matchNormalized,
  };
}
