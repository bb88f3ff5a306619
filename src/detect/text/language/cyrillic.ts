/**
 * Cyrillic letters that belong to one language settle most Cyrillic messages before any model
 * runs: Ukrainian ї є ґ, Belarusian ў, Serbian ђ ћ џ, Tajik ҷ ӣ ӯ (Central Asian channels are
 * part of the picture), Kazakh ә ұ. Russian is the default only when the model agrees: a
 * Bulgarian or Ukrainian post without its own letters is left to the model restricted to the
 * Cyrillic languages it knows.
 */

export interface CyrillicHint {
  lang: string;
  /** How sure the letters alone are; below 0.8 the caller asks the model. */
  confidence: number;
}

const SPECIFIC: readonly [RegExp, string][] = [
  [/[ҷӣӯ]/i, 'tg'],
  [/[әұ]/i, 'kk'],
  [/[қғҳ].*ў|ў.*[қғҳ]/is, 'uz'],
  [/ў/i, 'be'],
  [/[їєґ]/i, 'uk'],
  [/[ђћџјљњ]/i, 'sr'],
];

/** Letters Russian has and Ukrainian, Bulgarian, Serbian lack. */
const RUSSIAN_ONLY = /[ыэё]/i;
/** Letters Ukrainian and Belarusian have and Russian lacks. */
const DOTTED_I = /і/i;

export function cyrillicHint(text: string): CyrillicHint | null {
  for (const [pattern, lang] of SPECIFIC) if (pattern.test(text)) return { lang, confidence: 0.9 };
  const russian = RUSSIAN_ONLY.test(text);
  const dottedI = DOTTED_I.test(text);
  if (dottedI) return { lang: russian ? 'be' : 'uk', confidence: 0.85 };
  if (russian) return { lang: 'ru', confidence: 0.85 };
  return null;
}
