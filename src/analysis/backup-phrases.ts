import { foldNormalized } from '../detect/text/normalize/index.js';

/**
 * How channels announce that they moved: a backup or reserve channel, a new link, a new channel,
 * "we moved", "the channel was deleted, join…". Written here as a reader would write them; each
 * is put through the same evasion-proof normaliser as the posts at load time, so tatweel,
 * diacritics, letter variants (ة/ه, أ/ا), zero-width characters, leetspeak and homoglyphs in a post
 * cannot hide a phrase. Phrases are multi-word on purpose: "backup" alone is everyday language.
 */
export const BACKUP_PHRASES_EN = [
  'alternative channel',
  'backup account',
  'backup channel',
  'backup group',
  'backup link',
  'channel got deleted',
  'channel has been banned',
  'channel has been deleted',
  'channel was banned',
  'channel was deleted',
  'channel was removed',
  'join our new channel',
  'join the new channel',
  'mirror channel',
  'new channel link',
  'new link',
  'our new channel',
  'reserve channel',
  'spare channel',
  'we have moved',
  'we moved',
  "we've moved",
] as const;

export const BACKUP_PHRASES_AR = [
  'قناة احتياطية',
  'القناة الاحتياطية',
  'قناة الاحتياط',
  'رابط احتياطي',
  'الرابط الاحتياطي',
  'الرابط الجديد',
  'رابط جديد',
  'الرابط البديل',
  'القناة البديلة',
  'قناة بديلة',
  'قناتنا الجديدة',
  'القناة الجديدة',
  'تم حذف القناة',
  'حذفت القناة',
  'تم اغلاق القناة',
  'انتقلنا الى',
] as const;

/** Everything that is not a letter or digit becomes one space, so `new-link` and `new\nlink` match. */
function wordsOf(text: string): string {
  return wordsOfNormalized(foldNormalized(text).text);
}

function wordsOfNormalized(normalized: string): string {
  return ` ${normalized.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const phrasesOf = (list: readonly string[]): string[] =>
  [...new Set(list.map((p) => wordsOf(p).trim()))].sort((a, b) => b.length - a.length).map(escapeRegExp);

/** English phrases stand between word boundaries ("new linked list" is not "new link"). */
const ENGLISH = new RegExp(` (?:${phrasesOf(BACKUP_PHRASES_EN).join('|')}) `, 'u');
/**
 * Arabic attaches conjunctions and prepositions (و ف ب ل) in front and suffixes behind, so a
 * phrase must start a word, optionally after one of those letters, and may run on at its end.
 */
const ARABIC = new RegExp(` [وفبل]?(?:${phrasesOf(BACKUP_PHRASES_AR).join('|')})`, 'u');

/**
 * Every phrase contains its own longest word, so a text without any of those words cannot hold a
 * phrase: one cheap test spares the word split and the two phrase patterns on nearly all posts.
 */
const ANCHOR = new RegExp(
  [
    ...new Set(
      [...BACKUP_PHRASES_EN, ...BACKUP_PHRASES_AR].map((phrase) =>
        wordsOf(phrase)
          .trim()
          .split(' ')
          .reduce((a, b) => (b.length > a.length ? b : a), ''),
      ),
    ),
  ]
    .map(escapeRegExp)
    .join('|'),
  'u',
);

/** True when the text announces a backup, a new link or a move (Arabic or English, normalised). */
export function announcesBackup(text: string): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  return announcesBackupNormalized(foldNormalized(text).text);
}

/** The same on text the evasion-proof normaliser has read already (the scan did: no second pass). */
export function announcesBackupNormalized(normalized: string): boolean {
  if (normalized.length === 0 || !ANCHOR.test(normalized)) return false;
  const words = wordsOfNormalized(normalized);
  return ENGLISH.test(words) || ARABIC.test(words);
}
