import { AppError } from '../../../core/index.js';
import { basicFold, basicFoldScratch, type Fold, foldForLexicon, isTrailingMark } from './fold.js';
import type { Ideology, LexiconFile, TermKind } from './lexicon-schema.js';
import { isArabicUnit, tokenize } from './tokenize.js';

/** One occurrence of a lexicon term in a message. Offsets are UTF-16 units into the original text. */
export interface LexiconHit {
  /** Organisation id. */
  org: string;
  kind: TermKind;
  /** The lexicon term as written in the lexicon file, never the message text. */
  term: string;
  lang: string;
  start: number;
  end: number;
}

/** What the matcher keeps about an organisation, for display and policy. */
export interface LexiconOrgInfo {
  id: string;
  name: Readonly<Record<string, string>>;
  ideology: Ideology;
}

/** A compiled, immutable lexicon. `match` is synchronous and pure; share one instance freely. */
export interface Lexicon {
  readonly version: string;
  readonly updated: string;
  readonly organisations: ReadonlyMap<string, LexiconOrgInfo>;
  /** Distinct folded token sequences the matcher looks for (terms after variant expansion). */
  readonly patternCount: number;
  match(text: string): LexiconHit[];
}

export interface CompileOptions {
  /** The folding function used for both terms and messages. Defaults to `basicFold`. */
  fold?: Fold;
}

interface Pattern {
  org: string;
  kind: TermKind;
  term: string;
  lang: string;
  /** Folded tokens; `tokens[0]` is the index key. */
  tokens: readonly string[];
  /** Letters of the term with case kept, for case-sensitive terms. */
  caseKey: string | null;
  notFollowedBy: ReadonlySet<string> | null;
}

/**
 * Arabic proclitics that may be attached to the first word of an Arabic term: conjunctions
 * و ف, prepositions ب ل ك, and the article ال, in their usual combinations. `لل` is ل + ال
 * with the alef elided, so it is tried both as a prefix of a term that starts with ال
 * (للدولة → الدولة) and of one that does not (للداعش → داعش). Longest first.
 */
const PROCLITICS = [
  'وبال',
  'وكال',
  'فبال',
  'فكال',
  'ولل',
  'فلل',
  'وال',
  'فال',
  'بال',
  'كال',
  'لل',
  'وب',
  'وك',
  'ول',
  'فب',
  'فك',
  'فل',
  'ال',
  'و',
  'ف',
  'ب',
  'ك',
  'ل',
] as const;
const PROCLITIC_FIRST = new Set(PROCLITICS.map((p) => p.charCodeAt(0)));
const ARTICLE = 'ال';
const ALEF = ARTICLE.charCodeAt(0);
const LAM_LAM = 'لل';

/** Transliterated Arabic articles: "al Qaida" is also written "alqaida". */
const LATIN_ARTICLES = new Set(['al', 'el', 'ad', 'an', 'ar', 'as', 'ash', 'at', 'az', 'ud', 'ul', 'wal']);
const OPTIONAL_SEPARATOR = /^[-_']+$/;
const LATIN_OR_DIGIT = /^[\p{Script=Latin}\p{Nd}]+$/u;
const DIGITS = /^\p{Nd}+$/u;
const MAX_VARIANTS = 256;

function invalid(detail: string, pointer: string): AppError {
  return new AppError('LEXICON_INVALID', { detail, pointer });
}

/** Letters and digits of `s`, case kept, marks removed: what case-sensitive terms compare. */
function caseLetters(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKD')) {
    if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
  }
  return out;
}

/**
 * Expands a term's folded tokens into the token sequences that should match it:
 * `-`, `_` and `'` between Latin words are optional separators ("Da'esh" = "da esh" =
 * "daesh"), a transliterated article may be joined to its word ("al Qaida" = "alqaida"),
 * a number may be joined to a word ("Combat 18" = "Combat18"), and an Arabic و starting a
 * later word may stand apart ("العراق والشام" = "العراق و الشام").
 */
function expandVariants(folded: string): string[][] {
  const spans = tokenize(folded);
  const tokens: string[] = [];
  for (let i = 0; i < spans.count; i++) tokens.push(folded.slice(spans.starts[i], spans.ends[i]));
  let variants: string[][] = [[tokens[0] as string]];
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1] as string;
    const tok = tokens[i] as string;
    const gap = folded.slice(spans.ends[i - 1], spans.starts[i]);
    const latinPair = LATIN_OR_DIGIT.test(prev) && LATIN_OR_DIGIT.test(tok);
    const joinable =
      latinPair &&
      (OPTIONAL_SEPARATOR.test(gap) ||
        (/^\s+$/u.test(gap) && (LATIN_ARTICLES.has(prev) || DIGITS.test(prev) !== DIGITS.test(tok))));
    const splitWaw = isArabicUnit(tok.charCodeAt(0)) && tok.startsWith('و') && tok.length >= 4;
    const next: string[][] = [];
    for (const v of variants) {
      next.push([...v, tok]);
      if (joinable) next.push([...v.slice(0, -1), `${v[v.length - 1]}${tok}`]);
      if (splitWaw) next.push([...v, 'و', tok.slice(1)]);
    }
    variants = next;
    if (variants.length > MAX_VARIANTS) break;
  }
  return variants;
}

/**
 * Compiles a validated lexicon file into a matcher. Throws `LEXICON_INVALID` if a term folds
 * to nothing, if two organisations share a term, or if a `notFollowedBy` entry is not one word.
 */
export function compileLexicon(file: LexiconFile, options: CompileOptions = {}): Lexicon {
  const fold = options.fold ?? basicFold;
  const index = new Map<string, Pattern[]>();
  const owner = new Map<string, string>();
  const seen = new Set<string>();
  const organisations = new Map<string, LexiconOrgInfo>();
  let patternCount = 0;

  file.organisations.forEach((org, oi) => {
    organisations.set(org.id, { id: org.id, name: org.name, ideology: org.ideology });
    org.terms.forEach((term, ti) => {
      const pointer = `/organisations/${oi}/terms/${ti}`;
      const folded = fold(term.text).text;
      if (tokenize(folded).count === 0)
        throw invalid(`term "${term.text}" has no words after folding`, `${pointer}/text`);
      let notFollowedBy: Set<string> | null = null;
      if (term.notFollowedBy) {
        notFollowedBy = new Set();
        term.notFollowedBy.forEach((word, wi) => {
          const f = fold(word).text;
          const spans = tokenize(f);
          if (spans.count !== 1)
            throw invalid(`notFollowedBy "${word}" must be one word`, `${pointer}/notFollowedBy/${wi}`);
          notFollowedBy?.add(f.slice(spans.starts[0], spans.ends[0]));
        });
      }
      const caseKey = term.caseSensitive ? caseLetters(term.text) : null;
      const variants = expandVariants(folded);
      if (variants.length > MAX_VARIANTS)
        throw invalid(`term "${term.text}" has too many spelling variants`, `${pointer}/text`);
      for (const tokens of variants) {
        const key = tokens.join(' ');
        const other = owner.get(key);
        if (other !== undefined && other !== org.id) {
          throw invalid(`term "${term.text}" of "${org.id}" also matches a term of "${other}"`, `${pointer}/text`);
        }
        owner.set(key, org.id);
        // Within one organisation, spellings that fold alike are one pattern (first listed wins).
        const dedupe = `${key}\u0000${caseKey ?? ''}\u0000${[...(notFollowedBy ?? [])].join(' ')}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        const pattern: Pattern = {
          org: org.id,
          kind: term.kind,
          term: term.text,
          lang: term.lang,
          tokens,
          caseKey,
          notFollowedBy,
        };
        const first = tokens[0] as string;
        const list = index.get(first);
        if (list) list.push(pattern);
        else index.set(first, [pattern]);
        patternCount++;
      }
    });
  });
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  // The default fold has an allocation-free variant for the hot path; other folds are used as given.
  const foldMessage = fold === basicFold || fold === foldForLexicon ? basicFoldScratch : fold;

  // A word can only be a key with a key's first unit and length: checking both first spares a
  // slice and a Map lookup for nearly every word (and every proclitic reading) of a message.
  const keyLengths = new Map<number, number>();
  for (const key of index.keys()) {
    const first = key.charCodeAt(0);
    keyLengths.set(first, (keyLengths.get(first) ?? 0) | lengthBit(key.length));
  }
  const mayBeKey = (first: number, length: number): boolean => ((keyLengths.get(first) ?? 0) & lengthBit(length)) !== 0;

  function match(text: string): LexiconHit[] {
    if (text.length === 0) return [];
    const { text: folded, map } = foldMessage(text);
    const spans = tokenize(folded);
    const count = spans.count;
    if (count === 0) return [];
    const { starts, ends } = spans;
    // Sliced on demand: only words next to a key are ever compared as strings.
    const words = new Array<string | undefined>(count);
    const wordAt = (i: number): string => {
      let w = words[i];
      if (w === undefined) {
        w = folded.slice(starts[i], ends[i]);
        words[i] = w;
      }
      return w;
    };
    const hits: LexiconHit[] = [];

    const tryKey = (key: string, i: number, skip: number): void => {
      const list = index.get(key);
      if (list === undefined) return;
      for (const p of list) {
        const n = p.tokens.length;
        if (i + n > count) continue;
        let ok = true;
        for (let j = 1; j < n; j++) {
          if (p.tokens[j] !== wordAt(i + j)) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (p.notFollowedBy !== null && i + n < count && p.notFollowedBy.has(wordAt(i + n))) continue;
        const start = map[(starts[i] as number) + skip] as number;
        const end = originalEnd(text, map[(ends[i + n - 1] as number) - 1] as number);
        if (p.caseKey !== null && caseLetters(text.slice(start, end)) !== p.caseKey) continue;
        hits.push({ org: p.org, kind: p.kind, term: p.term, lang: p.lang, start, end });
      }
    };

    for (let i = 0; i < count; i++) {
      const s = starts[i] as number;
      const length = (ends[i] as number) - s;
      const c0 = folded.charCodeAt(s);
      if (mayBeKey(c0, length)) tryKey(wordAt(i), i, 0);
      if (!PROCLITIC_FIRST.has(c0) || !isArabicUnit(c0)) continue;
      for (const p of PROCLITICS) {
        const cut = p.length;
        if (length - cut < 2 || !folded.startsWith(p, s)) continue;
        const r0 = folded.charCodeAt(s + cut);
        if (mayBeKey(r0, length - cut)) tryKey(wordAt(i).slice(cut), i, cut);
        if (p.endsWith(LAM_LAM) && mayBeKey(ALEF, length - cut + ARTICLE.length)) {
          tryKey(ARTICLE + wordAt(i).slice(cut), i, cut - 1);
        }
      }
    }
    return hits.length === 0 ? hits : resolveOverlaps(hits);
  }

  return { version: file.version, updated: file.updated, organisations, patternCount, match };
}

/** A bit per key length; lengths from 31 up share the last bit (they are checked in full). */
function lengthBit(length: number): number {
  return 1 << Math.min(length, 31);
}

/** End offset (exclusive) of the original code point at `offset`, extended over trailing marks. */
function originalEnd(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  let end = offset + (c >= 0xd800 && c <= 0xdbff && offset + 1 < text.length ? 2 : 1);
  while (end < text.length && isTrailingMark(text.charCodeAt(end))) end++;
  return end;
}

/**
 * Keeps the longest hits and drops any hit that overlaps a longer one, so "al-Qaida in the
 * Arabian Peninsula" is one AQAP hit and not also an al-Qaida hit. Result is in text order.
 */
function resolveOverlaps(hits: LexiconHit[]): LexiconHit[] {
  if (hits.length === 1) return hits;
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: LexiconHit[] = [];
  for (const h of hits) {
    if (kept.every((k) => h.end <= k.start || h.start >= k.end)) kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}
