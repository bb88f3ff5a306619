/**
 * Script pre-pass: which writing system carries a message. It decides which detector runs, and
 * it is cheap (one pass over char codes), so the n-gram model only sees text it is good at.
 */

export type Script = 'arabic' | 'latin' | 'cyrillic' | 'other' | 'none';

export interface ScriptCounts {
  arabic: number;
  latin: number;
  cyrillic: number;
  other: number;
}

/**
 * Links, e-mail addresses, @usernames and bot commands are Latin whatever the message's language:
 * an Arabic post with an English URL is Arabic. They are blanked before counting.
 */
const NOT_LANGUAGE =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|[^\s@]+@[^\s@]+\.[a-z]{2,}|[@/][a-z0-9_]{2,}|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*|\b[a-z0-9-]+\.(?:com|org|net|me|io|ly|gl)\b/gi;

/** Text with links and handles blanked; presentation forms and fullwidth letters folded by NFKC. */
export function languageText(text: string, maxLength: number): string {
  let t = text.length > maxLength ? text.slice(0, maxLength) : text;
  if (/[\ufb50-\ufdff\ufe70-\ufeff\uff01-\uff5e]/.test(t)) t = t.normalize('NFKC');
  return /:\/\/|www\.|@|\/|\.[a-z]/i.test(t) ? t.replace(NOT_LANGUAGE, ' ') : t;
}

function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x06d3) ||
    c === 0x06d5 ||
    (c >= 0x06ee && c <= 0x06ff && (c < 0x06f0 || c > 0x06f9)) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9)
  );
}

function isLatinLetter(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x1e00 && c <= 0x1eff)
  );
}

const OTHER_LETTER = /\p{L}/u;

/** Letters per script; marks, digits, punctuation and emoji count for none. */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { arabic: 0, latin: 0, cyrillic: 0, other: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if (isLatinLetter(c)) counts.latin++;
    else if (c < 0xc0) continue;
    else if (isArabicLetter(c)) counts.arabic++;
    else if (c >= 0x0400 && c <= 0x052f) counts.cyrillic += c <= 0x0481 || c >= 0x048a ? 1 : 0;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: only letters count (Han extension, historic scripts), not emoji.
      const cp = text.codePointAt(i) ?? c;
      if (OTHER_LETTER.test(String.fromCodePoint(cp))) counts.other++;
      i++;
    } else if (c > 0x24f && OTHER_LETTER.test(text.charAt(i))) counts.other++;
  }
  return counts;
}

/** The script with most letters; ties go to Arabic, then Latin, then Cyrillic (Rasd reads Arabic first). */
export function dominantScript(counts: ScriptCounts): Script {
  const { arabic, latin, cyrillic, other } = counts;
  const most = Math.max(arabic, latin, cyrillic, other);
  if (most === 0) return 'none';
  if (arabic === most) return 'arabic';
  if (latin === most) return 'latin';
  if (cyrillic === most) return 'cyrillic';
  return 'other';
}
