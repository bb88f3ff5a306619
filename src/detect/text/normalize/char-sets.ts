/**
 * The code point sets the normaliser acts on, as data. `tables.ts` compiles them into lookup
 * tables once, at module load; nothing here is consulted per character.
 */

/** [first, last] inclusive ranges. */
export type Ranges = readonly (readonly [number, number])[];

/** Invisible characters that carry no letter: removed and reported as `zero-width`. */
export const INVISIBLE: Ranges = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x115f, 0x1160], // Hangul choseong / jungseong fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels, invisible
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x200b, 0x200d], // zero-width space, non-joiner, joiner
  [0x2060, 0x2064], // word joiner, invisible operators
  [0x206a, 0x206f], // deprecated format characters
  [0xfeff, 0xfeff], // zero-width no-break space / BOM
  [0xfff9, 0xfffb], // interlinear annotation controls
];

/** Characters that render as blank space but are not whitespace: become a space, reported as `zero-width`. */
export const BLANK: Ranges = [
  [0x2800, 0x2800], // braille pattern blank
  [0x3164, 0x3164], // Hangul filler
  [0xffa0, 0xffa0], // halfwidth Hangul filler
];

/** Bidirectional controls: removed, reported as `bidi-control`. */
export const BIDI: Ranges = [
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];

/** Removed without a report: variation selectors and C0/C1 controls that are not whitespace. */
export const SILENT: Ranges = [
  [0x0000, 0x0008],
  [0x000e, 0x001f],
  [0x007f, 0x0084],
  [0x0086, 0x009f],
  [0x180b, 0x180d],
  [0x180f, 0x180f],
  [0xfe00, 0xfe0f],
];

/** White_Space characters: collapsed to one U+0020. */
export const WHITESPACE: Ranges = [
  [0x0009, 0x000d],
  [0x0020, 0x0020],
  [0x0085, 0x0085],
  [0x00a0, 0x00a0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];

/** Arabic harakat and superscript alef: removed; their density decides `diacritics-flood`. */
export const HARAKAT: Ranges = [
  [0x064b, 0x065f],
  [0x0670, 0x0670],
];

/** Quranic annotation signs and extended Arabic marks: removed, never an evasion on their own. */
export const QURANIC: Ranges = [
  [0x0610, 0x061a],
  [0x06d6, 0x06ed],
  [0x08d3, 0x08ff],
];

/** Combining marks of the Latin, Greek and Cyrillic families: removed (after NFD). */
export const COMBINING: Ranges = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];

export const TATWEEL = 0x0640;

/** Canonical Arabic spelling folds: ordinary variation, never reported. */
export const ARABIC_FOLD: readonly (readonly [number, number])[] = [
  [0x0622, 0x0627], // آ → ا
  [0x0623, 0x0627], // أ
  [0x0625, 0x0627], // إ
  [0x0671, 0x0627], // ٱ
  [0x0624, 0x0648], // ؤ → و
  [0x0626, 0x064a], // ئ → ي
  [0x0649, 0x064a], // ى → ي
  [0x0629, 0x0647], // ة → ه
];

/**
 * Persian, Urdu, Kurdish and other Arabic-script look-alikes of Arabic letters. Always folded
 * (the lexicon must see لشکر as لشكر); reported as `arabic-letter-variant` only in Arabic text.
 */
export const LOOKALIKE_FOLD: readonly (readonly [number, number])[] = [
  [0x0672, 0x0627], // ٲ → ا
  [0x0673, 0x0627], // ٳ
  [0x0675, 0x0627], // ٵ
  [0x06cc, 0x064a], // ی → ي
  [0x06d0, 0x064a], // ې
  [0x0678, 0x064a], // ٸ
  [0x06cd, 0x064a], // ۍ
  [0x06ce, 0x064a], // ێ
  [0x06d3, 0x064a], // ۓ
  [0x06a9, 0x0643], // ک → ك
  [0x06aa, 0x0643], // ڪ
  [0x06c1, 0x0647], // ہ → ه
  [0x06c2, 0x0647], // ۂ
  [0x06be, 0x0647], // ھ
  [0x06c3, 0x0647], // ۃ
  [0x06c0, 0x0647], // ۀ
  [0x06d5, 0x0647], // ە
  [0x0676, 0x0648], // ٶ → و
];

/** Letters only Arabic uses (Persian and Urdu write ی ک ہ instead): evidence a text is Arabic. */
export const ARABIC_SPECIFIC = [0x064a, 0x0643, 0x0629, 0x0649];

/** Letters Arabic does not use: evidence a text is Persian or Urdu. */
export const PERSIAN_ONLY = [0x067e, 0x0686, 0x0698, 0x06af, 0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2];

/** Dash and apostrophe variants (as in the lexicon fold): the lexicon treats `-` and `'` as optional separators. */
export const PUNCT_FOLD: readonly (readonly [number, number])[] = [
  [0x2010, 0x2d],
  [0x2011, 0x2d],
  [0x2012, 0x2d],
  [0x2013, 0x2d],
  [0x2014, 0x2d],
  [0x2015, 0x2d],
  [0x2212, 0x2d],
  [0x0060, 0x27],
  [0x00b4, 0x27],
  [0x02b9, 0x27],
  [0x02bb, 0x27],
  [0x02bc, 0x27],
  [0x02be, 0x27],
  [0x02bf, 0x27],
  [0x2018, 0x27],
  [0x2019, 0x27],
  [0x201b, 0x27],
  [0x2032, 0x27],
];

/**
 * Latin letters in disguise that NFKC leaves alone (small capitals, IPA look-alikes): always
 * mapped, reported as `homoglyph`. Dotless ı is deliberately absent: it is a Turkish letter.
 */
export const LATIN_DISGUISE: readonly (readonly [number, string])[] = [
  [0x1d00, 'a'],
  [0x0299, 'b'],
  [0x1d04, 'c'],
  [0x1d05, 'd'],
  [0x1d07, 'e'],
  [0xa730, 'f'],
  [0x0262, 'g'],
  [0x029c, 'h'],
  [0x026a, 'i'],
  [0x1d0a, 'j'],
  [0x1d0b, 'k'],
  [0x029f, 'l'],
  [0x1d0d, 'm'],
  [0x0274, 'n'],
  [0x1d0f, 'o'],
  [0x1d18, 'p'],
  [0x0280, 'r'],
  [0xa731, 's'],
  [0x1d1b, 't'],
  [0x1d1c, 'u'],
  [0x1d20, 'v'],
  [0x1d21, 'w'],
  [0x028f, 'y'],
  [0x1d22, 'z'],
  [0x0251, 'a'],
  [0x0261, 'g'],
  [0x0269, 'i'],
  [0x01c0, 'l'],
  [0x0237, 'j'],
];

/** Honorific ligatures (ﷺ, ﷻ, ﷽ …): expanded by NFKC but ordinary in religious text, so not reported. */
export const HONORIFIC_LIGATURES: readonly [number, number] = [0xfdf0, 0xfdfd];

/** Ranges whose NFKC changes are reported as `fullwidth-presentation-forms`. */
export const PRESENTATION: Ranges = [
  [0xfb00, 0xfdff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xfe70, 0xfefe],
  [0xff01, 0xff5e],
  [0xffe0, 0xffee],
];

/** Ranges whose NFKC changes to a letter are reported as `homoglyph` (styled letters). */
export const STYLED_LETTERS: Ranges = [
  [0x02b0, 0x02b8],
  [0x02e0, 0x02e4],
  [0x1d2c, 0x1dbf],
  [0x2070, 0x209f],
  [0x2100, 0x2138],
  [0x213a, 0x214f],
];

/** Enclosed letters (ⓐ, ⒜, ℹ): NFKC to letters, reported as `emoji-substitution`. */
export const ENCLOSED_LETTERS: Ranges = [
  [0x2139, 0x2139],
  [0x249c, 0x24e9],
];

/** BMP symbols that behave like emoji: they may separate split letters. */
export const EMOJI_LIKE: Ranges = [
  [0x2190, 0x21ff],
  [0x2300, 0x23ff],
  [0x2460, 0x24ff],
  [0x25a0, 0x27bf],
  [0x2900, 0x297f],
  [0x2b00, 0x2bff],
  [0x3030, 0x3030],
  [0x303d, 0x303d],
  [0x3297, 0x3299],
];

/** Punctuation that may separate split letters (`I.S.I.S`, `i_s_i_s`, `I|S|I|S`). Not comma, not `+` or `=`. */
export const SPLIT_SEPARATORS = [0x2e, 0x2d, 0x5f, 0x2a, 0x7c, 0x2f, 0x5c, 0x7e, 0xb7, 0x2022, 0x2219, 0x30fb, 0x2027];
