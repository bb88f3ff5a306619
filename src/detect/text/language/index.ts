/**
 * Language identification for routing and reports: a script pre-pass, Arabic-script languages by
 * letters and function words, the rest by the offline `eld` n-gram model. Pure, synchronous.
 */

/** `identifyLanguage(text)` → `{ lang, script, confidence }`; `und` below three letters. */
export { identifyLanguage, type LanguageGuess } from './identify.js';
export { CYRILLIC_LANGUAGES, LATIN_LANGUAGES } from './model.js';
export type { Script } from './script.js';
