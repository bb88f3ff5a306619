import { guessArabicScript } from './arabic-script.js';
import { cyrillicHint } from './cyrillic.js';
import { modelGuess } from './model.js';
import { countScripts, dominantScript, languageText, type Script } from './script.js';

export interface LanguageGuess {
  /** ISO 639-1 code (`ar`, `fa`, `ur`, `en`, `ru`…), or `und` when there is too little to tell. */
  lang: string;
  script: Script;
  /** 0–1: how clear the evidence was; short texts and close calls score low. */
  confidence: number;
}

/** Below this many letters no detector is better than a coin: "ok", "هه", "ну". */
const MIN_LETTERS = 3;
/** Enough text to decide a message's language; a 1 MB paste is not read to the end. */
const MAX_SCAN = 4096;

/**
 * The language of a message, for routing it to the right lexicon and classifier and for reports.
 * A script pre-pass picks the route: Arabic script is decided by letters and function words,
 * Cyrillic by letters and then the model, Latin and other scripts by the model restricted to
 * that script's languages. Links, e-mail addresses and @handles are ignored, so an Arabic post
 * with an English link is Arabic. Pure and synchronous; never throws.
 */
export function identifyLanguage(text: string): LanguageGuess {
  try {
    const t = languageText(typeof text === 'string' ? text : '', MAX_SCAN);
    const counts = countScripts(t);
    const script = dominantScript(counts);
    const letters = counts.arabic + counts.latin + counts.cyrillic + counts.other;
    if (script === 'none' || letters < MIN_LETTERS) return { lang: 'und', script, confidence: 0 };
    // A script that carries few of the letters makes the guess less sure, whatever the detector says.
    const share = (script === 'other' ? counts.other : counts[script]) / letters;
    const guess = guessFor(script, t);
    if (!guess) return { lang: 'und', script, confidence: 0 };
    return { lang: guess.lang, script, confidence: Math.round(guess.confidence * share * 100) / 100 };
  } catch {
    return { lang: 'und', script: 'none', confidence: 0 };
  }
}

function guessFor(script: Exclude<Script, 'none'>, text: string): { lang: string; confidence: number } | null {
  switch (script) {
    case 'arabic':
      return guessArabicScript(text);
    case 'cyrillic': {
      const hint = cyrillicHint(text);
      if (hint) return hint;
      return modelGuess(text, 'cyrillic') ?? { lang: 'ru', confidence: 0.3 };
    }
    case 'latin':
      return modelGuess(text, 'latin');
    case 'other':
      return modelGuess(text, 'any');
  }
}
