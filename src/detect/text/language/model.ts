import { eld } from 'eld/extrasmall';

/**
 * The n-gram model: `eld` (Efficient Language Detector, Apache-2.0), its extra-small database,
 * which ships inside the package: no download, no network. Extra-small was as accurate as the
 * larger databases on short everyday sentences once restricted to a script's languages, loads in
 * about a third of a second and costs about 100 MB, against 2 s and 400 MB for the large one.
 *
 * Three private instances, each restricted once, here, to one script's languages and never
 * changed afterwards: restricting keeps an English greeting from coming back as Tagalog and a
 * Russian question as Serbian. Private instances keep any other user of `eld` in the process
 * from changing them.
 */

/** Latin-script languages Rasd asks about. `ms` stands for Malay and Indonesian alike. */
export const LATIN_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'tr', 'ms', 'pl', 'sv'] as const;
/** Cyrillic languages the model knows; Central Asian ones are decided by letters alone. */
export const CYRILLIC_LANGUAGES = ['ru', 'uk', 'bg', 'be', 'sr'] as const;

type Detector = ReturnType<typeof eld.newInstance>;

function restricted(languages: readonly string[] | null): Detector {
  const detector = eld.newInstance();
  if (languages) detector.setLanguageSubset([...languages]);
  return detector;
}

const latin = restricted(LATIN_LANGUAGES);
const cyrillic = restricted(CYRILLIC_LANGUAGES);
const anyLanguage = restricted(null);

export interface ModelGuess {
  lang: string;
  confidence: number;
}

/** The model reads at most this much; eld itself stops at 1000 characters. */
const MAX_MODEL_INPUT = 1000;

export function modelGuess(text: string, among: 'latin' | 'cyrillic' | 'any'): ModelGuess | null {
  const detector = among === 'latin' ? latin : among === 'cyrillic' ? cyrillic : anyLanguage;
  const result = detector.detect(text.slice(0, MAX_MODEL_INPUT));
  if (!result.language) return null;
  const scores = Object.values(result.getScores()).sort((a, b) => b - a);
  const top = scores[0] ?? 0;
  const second = scores[1] ?? 0;
  if (top <= 0) return null;
  // eld's scores are 0–1 per language; a correct call on a sentence scores about 0.8 (eld's own
  // per-language averages) and stands clear of the runner-up. Both the level and the margin count.
  const level = Math.min(1, top / 0.8);
  const margin = Math.min(1, (2.5 * (top - second)) / top);
  const reliable = result.isReliable() ? 1 : 0.7;
  const confidence = level * (0.55 + 0.45 * margin) * reliable;
  return { lang: result.language, confidence: Math.round(confidence * 100) / 100 };
}
