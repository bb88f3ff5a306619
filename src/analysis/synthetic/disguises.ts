import type { Prng } from './prng.js';

/**
 * Synthetic chat names and the disguises a closed chat's successor hides behind. Names are built
 * from syllables and generic words only (no real organisation or person), in Latin script with an
 * Arabic-script spelling of the same sounds, so the lineage code meets the spellings it meets in
 * real exports: `nashir_news`, `nashir_news2`, `n4shir_news`, `nashirnews`, `ناشير نيوز`.
 */

export const DISGUISES = ['digit-suffix', 'leet', 'separator', 'arabic-title', 'new-handle'] as const;
export type Disguise = (typeof DISGUISES)[number];

export interface ChatName {
  /** Lower-case, `[a-z0-9_]` like a Telegram username. */
  handle: string;
  title: string;
  /** The parts the name was made from, kept so look-alikes and disguises can be derived. */
  stem: string;
  word: string;
}

/** Consonant onsets and vowels with their Arabic letters; the Latin and Arabic spellings line up sound by sound. */
const ONSETS: readonly [string, string][] = [
  ['n', 'ن'],
  ['sh', 'ش'],
  ['r', 'ر'],
  ['b', 'ب'],
  ['k', 'ك'],
  ['m', 'م'],
  ['l', 'ل'],
  ['s', 'س'],
  ['t', 'ت'],
  ['d', 'د'],
  ['f', 'ف'],
  ['h', 'ه'],
  ['j', 'ج'],
  ['q', 'ق'],
  ['z', 'ز'],
  ['w', 'و'],
  ['y', 'ي'],
  ['kh', 'خ'],
  ['gh', 'غ'],
];
const VOWELS: readonly [string, string][] = [
  ['a', 'ا'],
  ['i', 'ي'],
  ['u', 'و'],
];
/** Generic channel words with the way Arabic-script titles usually spell them. */
const WORDS: readonly [string, string][] = [
  ['news', 'نيوز'],
  ['media', 'ميديا'],
  ['daily', 'ديلي'],
  ['voice', 'فويس'],
  ['today', 'توداي'],
  ['info', 'انفو'],
  ['post', 'بوست'],
  ['live', 'لايف'],
  ['times', 'تايمز'],
  ['net', 'نت'],
  ['channel', 'شانل'],
  ['hub', 'هب'],
];
const LOOKALIKE_TAILS = ['daily', 'today', 'official', 'tv', 'plus', 'world', 'online'];
const LEET: Record<string, string> = { a: '4', i: '1', o: '0', e: '3', s: '5' };

/** A stem of two or three syllables and a closing consonant. */
export function makeStem(rng: Prng): string {
  let latin = '';
  for (let i = 0, n = rng.between(2, 3); i < n; i++) latin += rng.pick(ONSETS)[0] + rng.pick(VOWELS)[0];
  return latin + rng.pick(ONSETS)[0];
}

/**
 * The Arabic-script spelling of a Latin stem. Arabic leaves short vowels unwritten, so each vowel
 * is written as a long letter only half the time (`nashir` → `ناشير`, `نشير`, `ناشر` or `نشر`).
 */
export function arabicSpelling(rng: Prng, latinStem: string): string {
  const units = [...ONSETS, ...VOWELS].sort((a, b) => b[0].length - a[0].length);
  let out = '';
  let rest = latinStem;
  while (rest.length > 0) {
    const unit = units.find(([l]) => rest.startsWith(l)) ?? [rest[0] as string, ''];
    const vowel = VOWELS.some(([v]) => v === unit[0]);
    if (!vowel || rng.chance(0.5)) out += unit[1];
    rest = rest.slice(unit[0].length);
  }
  return out;
}

function wordArabic(rng: Prng, word: string): string {
  return WORDS.find(([w]) => w === word)?.[1] ?? arabicSpelling(rng, word);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An ordinary chat's name; `arabicTitle` chats keep a Latin handle (Telegram handles are Latin) and an Arabic title. */
export function makeName(rng: Prng, arabicTitle: boolean): ChatName {
  const stem = makeStem(rng);
  const word = rng.pick(WORDS)[0];
  const title = arabicTitle
    ? `${arabicSpelling(rng, stem)} ${wordArabic(rng, word)}`
    : `${capital(stem)} ${capital(word)}`;
  return { handle: `${stem}_${word}`, title, stem, word };
}

/** The successor's name under one disguise; `new-handle` keeps nothing of the old name. */
export function disguiseName(rng: Prng, old: ChatName, disguise: Disguise): ChatName {
  const { stem, word } = old;
  switch (disguise) {
    case 'digit-suffix':
      return { handle: `${old.handle}${rng.between(1, 99)}`, title: old.title, stem, word };
    case 'leet': {
      const handle = leet(rng, old.handle);
      return { handle, title: `${capital(leet(rng, stem))} ${capital(word)}`, stem, word };
    }
    case 'separator':
      return { handle: `${stem}${word}`, title: `${stem}-${word}`, stem, word };
    case 'arabic-title':
      return {
        handle: `${stem}_${word}_${rng.pick(['ar', 'arabic', 'a'])}`,
        title: `${arabicSpelling(rng, stem)} ${wordArabic(rng, word)}`,
        stem,
        word,
      };
    case 'new-handle':
      return makeName(rng, rng.chance(0.5));
  }
}

/** One or two letters swapped for look-alike digits. */
function leet(rng: Prng, s: string): string {
  const spots = [...s].flatMap((ch, i) => (LEET[ch] ? [i] : []));
  if (spots.length === 0) return `${s}0`;
  const chosen = new Set(rng.sample(spots, rng.between(1, Math.min(2, spots.length))));
  return [...s].map((ch, i) => (chosen.has(i) ? (LEET[ch] as string) : ch)).join('');
}

/** A different owner's chat whose name resembles `model` (the hard negatives: `city_news` vs `city_news_daily`). */
export function lookalikeName(rng: Prng, model: ChatName): ChatName {
  const { stem, word } = model;
  const r = rng.next();
  if (r < 0.35) {
    const tail = rng.pick(LOOKALIKE_TAILS);
    return { handle: `${model.handle}_${tail}`, title: `${model.title} ${capital(tail)}`, stem, word };
  }
  if (r < 0.6) {
    const other = rng.pick(WORDS.filter(([w]) => w !== word))[0];
    return { handle: `${stem}_${other}`, title: `${capital(stem)} ${capital(other)}`, stem, word: other };
  }
  if (r < 0.8) return { handle: `${model.handle}${rng.between(1, 9)}`, title: model.title, stem, word };
  return { handle: `${stem}${word}`, title: `${capital(stem)} ${capital(word)}`, stem, word };
}

/** A fresh 256-bit PDQ hash, 64 hex digits. */
export function randomPdq(rng: Prng): string {
  return rng.hex(64);
}

/** The same picture re-encoded or cropped a little: `bits` distinct bits flipped. */
export function nearPdq(rng: Prng, pdq: string, bits: number): string {
  const nibbles = [...pdq].map((h) => Number.parseInt(h, 16));
  const positions = rng.sample(
    Array.from({ length: 256 }, (_, i) => i),
    bits,
  );
  for (const p of positions) {
    const at = p >> 2;
    nibbles[at] = (nibbles[at] as number) ^ (1 << (p & 3));
  }
  return nibbles.map((n) => n.toString(16)).join('');
}
