import { identifyLanguage, type LanguageGuess } from '../../detect/text/language/index.js';
import type { ScanInput } from '../provider.js';

/**
 * The language of a scanned item. Not a SignalProvider: a language is not evidence of anything,
 * it routes the item (which lexicon terms and classifier apply) and splits the reports. It reads
 * the text providers see, so a caption counts and link targets do not.
 *
 * Importing this loads the n-gram model (about a third of a second and 100 MB, once per process).
 */
export function languageOf(input: Pick<ScanInput, 'text'>): LanguageGuess {
  return identifyLanguage(input.text);
}
