import { identity, MappedBuilder, type MappedText, type Replacement, rewrite, trickBit, tricksIn } from './mapped.js';

/**
 * Undoes the disguises people use so that a link survives a platform's link filter while a
 * human can still read it: `hxxps[:]//example[.]org`, `example dot org`, `t . me / name`,
 * fullwidth `ｅｘａｍｐｌｅ．ｏｒｇ`, Arabic punctuation in place of dots, invisible characters
 * inside the host. Each rule fires only between characters that could belong to a link, so
 * ordinary prose (a full stop between Arabic sentences, "a dot on the map") is left alone.
 */
export function deobfuscate(text: string): MappedText {
  let m = cleanCharacters(text);
  // Cheap substring tests skip a regex pass on the many messages that cannot contain its form.
  if (/h[x*t][x*t]p/i.test(m.text)) m = rewrite(m, DEFANGED_SCHEME, defangedScheme);
  if (/[[({]/.test(m.text)) m = rewrite(m, BRACKETED, bracketed);
  if (/dot|نقطة|دوت/i.test(m.text)) m = rewrite(m, SPELLED_DOT, spelledDot);
  if (/[ \t]\./.test(m.text)) m = rewrite(m, SPACED_DOT, () => ({ text: '.', trick: 'spaced-separators' }));
  if (/[ \t]\/|\/[ \t]/.test(m.text)) m = rewrite(m, SPACED_SLASH, spacedSlash());
  return m;
}

function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff
  );
}

/** Punctuation that reads as `.`, `/` or `:`; Arabic-script marks first since Rasd reads Arabic first. */
const LOOKALIKES = new Map<number, string>([
  [0x060c, '.'], // ، Arabic comma
  [0x066b, '.'], // ٫ Arabic decimal separator
  [0x066c, '.'], // ٬ Arabic thousands separator
  [0x06d4, '.'], // ۔ Arabic full stop (Urdu)
  [0x2024, '.'], // ․ one dot leader
  [0xfe52, '.'], // ﹒ small full stop
  [0x3002, '.'], // 。 ideographic full stop
  [0xff61, '.'], // ｡ halfwidth ideographic full stop
  [0x2044, '/'], // ⁄ fraction slash
  [0x2215, '/'], // ∕ division slash
  [0x29f8, '/'], // ⧸ big solidus
  [0x2236, ':'], // ∶ ratio
  [0xa789, ':'], // ꞉ modifier letter colon
]);

const CHARACTER_TRIGGER =
  /\u034f|[\u00ad\u060c\u061c\u066b\u066c\u06d4\u180e\u200b-\u200f\u202a-\u202e\u2024\u2044\u2060-\u2064\u2066-\u2069\u2215\u2236\u29f8\u3002\ua789\ufe52\ufeff\uff01-\uff5e\uff61]/;

function isAlnum(cp: number): boolean {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xff10 && cp <= 0xff19) ||
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a)
  );
}

/** A character that can sit next to a `/` or `:` inside a link. */
function isLinkish(cp: number): boolean {
  return isAlnum(cp) || cp === 0x2e || cp === 0x2f || cp === 0x3a || LOOKALIKES.has(cp) || cp === 0xff0e;
}

/** Whether the lookalike at `i` sits where a real separator would: between parts of a link. */
function fitsAsSeparator(text: string, i: number, replacement: string): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i + 1);
  if (replacement === '.') return isAlnum(before) && isAlnum(after);
  return isLinkish(before) && isLinkish(after);
}

/** Drops invisible characters, folds fullwidth ASCII and lookalike punctuation; one unit in, at most one out. */
function cleanCharacters(text: string): MappedText {
  if (!CHARACTER_TRIGGER.test(text)) return identity(text);
  const source = identity(text);
  const out = new MappedBuilder(source);
  const zeroWidth = trickBit('zero-width');
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (isInvisible(cp)) {
      out.copy(run, i);
      run = i + 1;
      // Only an invisible character between two visible ones splits a word; at an edge it hides nothing.
      if (i > 0 && !/\s/.test(text.charAt(i - 1)) && i + 1 < text.length) out.markNext(zeroWidth);
      continue;
    }
    let replacement: string | undefined;
    let trick: 'fullwidth' | 'lookalike-punctuation' = 'fullwidth';
    if (cp >= 0xff01 && cp <= 0xff5e) replacement = String.fromCharCode(cp - 0xfee0);
    else if (LOOKALIKES.has(cp)) {
      const candidate = LOOKALIKES.get(cp) as string;
      if (fitsAsSeparator(text, i, candidate)) replacement = candidate;
      if (cp !== 0x3002 && cp !== 0xff61) trick = 'lookalike-punctuation';
    }
    if (replacement === undefined) continue;
    out.copy(run, i);
    out.char(i, replacement, trickBit(trick));
    run = i + 1;
  }
  out.copy(run, text.length);
  return out.build();
}

/** `hxxp`, `hXXps`, `h**p`, `htxp`… directly before a colon (plain or bracketed). */
const DEFANGED_SCHEME = /(?<![a-z0-9])h(?:xx|tx|xt|x\*|\*x|t\*|\*t|\*\*)p(s?)(?=[ \t]*(?::|[[({][ \t]*:))/gi;

function defangedScheme(match: RegExpExecArray): Replacement {
  return { text: match[1] ? 'https' : 'http', trick: 'hxxp-scheme' };
}

/** `[.]`, `(.)`, `{.}`, `[:]`, `[/]`, `[://]`, `[dot]`, `(dot)`, with optional spaces around. */
const BRACKETED = /[ \t]*[[({][ \t]*(\.|:\/\/|:|\/|dot|نقطة)[ \t]*[\])}][ \t]*/giu;

function bracketed(match: RegExpExecArray, m: MappedText): Replacement | null {
  const before = m.text.charCodeAt(match.index - 1);
  const after = m.text.charCodeAt(match.index + match[0].length);
  const inner = (match[1] ?? '').toLowerCase();
  if (!isAlnum(before)) return null;
  if (inner === ':') return after === 0x2f || isAlnum(after) ? { text: ':', trick: 'bracketed-punctuation' } : null;
  if (!isAlnum(after) && !(inner === '/' && after === 0x2b)) return null;
  if (inner === 'dot' || inner === 'نقطة') return { text: '.', trick: 'spelled-dot' };
  return { text: inner, trick: 'bracketed-punctuation' };
}

/** `example dot org`, `example نقطة org` (Arabic "dot"), `example دوت org`. */
const SPELLED_DOT = /[ \t]+(?:dot|نقطة|دوت)[ \t]+/giu;

/** Words before which "dot" is an ordinary noun ("the dot com era", "a red dot on it"). */
const DOT_AS_NOUN = new Set(['a', 'an', 'the', 'this', 'that', 'one', 'each', 'every', 'per', 'red', 'big', 'small']);

function spelledDot(match: RegExpExecArray, m: MappedText): Replacement | null {
  const before = m.text.charCodeAt(match.index - 1);
  const after = m.text.charCodeAt(match.index + match[0].length);
  if (!isAlnum(before) || !isAlnum(after)) return null;
  const word = /[a-z0-9-]+$/i.exec(m.text.slice(Math.max(0, match.index - 64), match.index))?.[0] ?? '';
  if (DOT_AS_NOUN.has(word.toLowerCase())) return null;
  return { text: '.', trick: 'spelled-dot' };
}

/** `t . me`: a full stop with spaces on both sides, between link characters. */
const SPACED_DOT = /(?<=[a-z0-9])[ \t]+\.[ \t]+(?=[a-z0-9])/gi;

/** A slash with spaces on either side, followed by a path character. */
const SPACED_SLASH = /(?:[ \t]+\/[ \t]*|\/[ \t]+)(?=[a-z0-9_+])/gi;

/** A token that begins with a Telegram link host, with or without a scheme. */
const TELEGRAM_TOKEN = /^(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.(?:me|dog)(?:\/\S*)?$/i;

/** Start of the whitespace-delimited token ending at `i`, looking back at most 512 units. */
function tokenStartBefore(text: string, i: number): number {
  const floor = Math.max(0, i - 512);
  let j = i;
  while (j > floor && !/\s/.test(text.charAt(j - 1))) j--;
  return j;
}

/**
 * A spaced slash joins a path only after a Telegram host or a host that was itself disguised
 * (`t . me / name`); elsewhere " / " is prose ("example.org / example.net" lists two sites).
 * Successive segments chain: `t . me / joinchat / code`.
 */
function spacedSlash(): (match: RegExpExecArray, m: MappedText) => Replacement | null {
  let chainEnd = -1;
  return (match, m) => {
    const tokenStart = tokenStartBefore(m.text, match.index);
    if (tokenStart === match.index) return null;
    const token = m.text.slice(tokenStart, match.index);
    const joins =
      tokenStart === chainEnd ||
      TELEGRAM_TOKEN.test(token) ||
      (token.includes('.') && tricksIn(m, tokenStart, match.index) !== 0);
    if (!joins) return null;
    chainEnd = match.index + match[0].length;
    return { text: '/', trick: 'spaced-separators' };
  };
}
