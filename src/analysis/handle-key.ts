import { arabicToLatin } from './arabic-latin.js';

/**
 * Names as evaders vary them: `nashir_news` → `nashir_news2`, `n4shir-news`, `nashir.news.backup`,
 * or an Arabic title `ناشر نيوز`. `handleKey` undoes those variations; `nameSimilarity` compares
 * what is left, including a consonant skeleton so vowel changes (nashir/nasher) still match.
 */

/** Words that mark a copy rather than name the chat; dropped at either end of a handle. */
export const COPY_MARKERS = [
  'a',
  'ar',
  'arabic',
  'backup',
  'bk',
  'bkp',
  'copy',
  'en',
  'english',
  'mirror',
  'new',
  'newest',
  'official',
  'offical',
  'real',
  'reserve',
  'the',
  'v',
] as const;

const MARKERS = new Set<string>(COPY_MARKERS);
const LEET: Record<string, string> = { '4': 'a', '0': 'o', '1': 'i', '3': 'e', '5': 's', '7': 't', '@': 'a', $: 's' };

/** The normalised form of a handle or title; see the module comment. */
export function handleKey(s: string): string {
  return nameKeys(s).key;
}

export interface NameKeys {
  key: string;
  skeleton: string;
  /** Trigrams of the padded key, each packed into one number so comparing them is cheap. */
  trigrams: number[];
  skeletonTrigrams: number[];
}

// Lineage compares each closed chat's names with hundreds of candidates' names; keys are memoised.
const KEY_CACHE = new Map<string, NameKeys>();
const KEY_CACHE_MAX = 50_000;

/** `handleKey` and its consonant skeleton, memoised. */
export function nameKeys(s: string): NameKeys {
  let keys = KEY_CACHE.get(s);
  if (keys === undefined) {
    const key = tokensOf(s).join('');
    const skeleton = consonantSkeleton(key);
    keys = {
      key,
      skeleton,
      trigrams: trigrams(key).map(packTrigram),
      skeletonTrigrams: trigrams(skeleton).map(packTrigram),
    };
    if (KEY_CACHE.size >= KEY_CACHE_MAX) KEY_CACHE.clear();
    KEY_CACHE.set(s, keys);
  }
  return keys;
}

function tokensOf(s: string): string[] {
  const latin = arabicToLatin(s.normalize('NFKC').toLowerCase());
  let tokens = latin
    .replace(/^@/, '')
    .split(/[\s_.\-·|:/]+/u)
    .filter((t) => t.length > 0);
  // Version digits at the end (`news2`, `news_2`, `v2`) mark a copy; digits inside a word are leet.
  while (tokens.length > 0) {
    const last = tokens[tokens.length - 1] as string;
    const trimmed = last.replace(/\d+$/, '');
    if (trimmed !== last) tokens[tokens.length - 1] = trimmed;
    if (tokens.length > 1 && (trimmed.length === 0 || MARKERS.has(trimmed))) tokens = tokens.slice(0, -1);
    else break;
  }
  while (tokens.length > 1 && MARKERS.has(tokens[0] as string)) tokens = tokens.slice(1);
  return tokens.map((t) => t.replace(/[401357@$]/g, (c) => LEET[c] ?? c).replace(/[^\p{L}\p{N}]/gu, ''));
}

/**
 * The consonants of a key, folded so spellings of one Arabic sound agree: vowels and the
 * half-vowels w/y go, z→s, q/c→k, v→f, doubled letters collapse.
 */
export function consonantSkeleton(key: string): string {
  return key
    .replace(/ph/g, 'f')
    .replace(/[aeiouyw]/g, '')
    .replace(/z/g, 's')
    .replace(/[qc]/g, 'k')
    .replace(/v/g, 'f')
    .replace(/(.)\1+/g, '$1');
}

// Scratch flags reused across calls: lineage compares thousands of names per query.
let aFlags = new Uint8Array(64);
let bFlags = new Uint8Array(64);

/** Jaro–Winkler similarity, 0..1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (a.length === 0 || b.length === 0) return 0;
  if (aFlags.length < a.length) aFlags = new Uint8Array(a.length * 2);
  if (bFlags.length < b.length) bFlags = new Uint8Array(b.length * 2);
  aFlags.fill(0, 0, a.length);
  bFlags.fill(0, 0, b.length);
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const end = Math.min(b.length, i + window + 1);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (bFlags[j] === 1 || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      aFlags[i] = 1;
      bFlags[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (aFlags[i] === 0) continue;
    while (bFlags[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Sørensen–Dice over character trigrams of the padded strings, 0..1. */
export function trigramDice(a: string, b: string): number {
  return diceOf(trigrams(a).map(packTrigram), trigrams(b).map(packTrigram));
}

const packTrigram = (t: string): number => (t.charCodeAt(0) * 65536 + t.charCodeAt(1)) * 65536 + t.charCodeAt(2);

/** Dice over two trigram lists; names are short, so a nested scan beats building a map. */
function diceOf(ta: readonly number[], tb: readonly number[]): number {
  if (ta.length === 0 || tb.length === 0) return 0;
  if (bFlags.length < tb.length) bFlags = new Uint8Array(tb.length * 2);
  bFlags.fill(0, 0, tb.length);
  let shared = 0;
  for (const t of ta) {
    for (let j = 0; j < tb.length; j++) {
      if (bFlags[j] === 0 && tb[j] === t) {
        bFlags[j] = 1;
        shared++;
        break;
      }
    }
  }
  return (2 * shared) / (ta.length + tb.length);
}

function trigrams(s: string): string[] {
  if (s.length === 0) return [];
  const padded = ` ${s} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Below this, Jaro–Winkler rates unrelated names of similar length; it is rescaled to start at 0 there. */
const JW_FLOOR = 0.6;
/** Skeletons drop information, so a skeleton match counts a little less than a key match. */
const SKELETON_WEIGHT = 0.95;
const MIN_SKELETON = 3;

/**
 * How alike two handles or titles are, 0..1, after `handleKey`: the best of Jaro–Winkler
 * (rescaled so unrelated names land near 0), trigram Dice, and Jaro–Winkler of consonant skeletons.
 */
export function nameSimilarity(a: string, b: string): number {
  return keySimilarity(nameKeys(a), nameKeys(b));
}

/** `nameSimilarity` on precomputed keys. */
export function keySimilarity(a: NameKeys, b: NameKeys): number {
  const { key: ka, skeleton: sa } = a;
  const { key: kb, skeleton: sb } = b;
  if (ka.length === 0 || kb.length === 0) return 0;
  if (ka === kb) return 1;
  const jw = Math.max(0, (jaroWinkler(ka, kb) - JW_FLOOR) / (1 - JW_FLOOR));
  let best = Math.max(jw, diceOf(a.trigrams, b.trigrams));
  if (sa.length >= MIN_SKELETON && sb.length >= MIN_SKELETON) {
    const sjw = Math.max(0, (jaroWinkler(sa, sb) - JW_FLOOR) / (1 - JW_FLOOR));
    best = Math.max(best, SKELETON_WEIGHT * sjw);
  }
  return Math.min(1, best);
}
