/**
 * Organisation lexicon: a versioned list of designated organisations and the names they go
 * by, and a fast word-boundary matcher over it. Pure except for `loadLexicon`.
 */

/** Folding contract (`{ text, map }`) and the default fold used by the matcher. */
export { basicFold, type Fold, type Folded, foldForLexicon, foldTextForLexicon } from './fold.js';
/**
 * `compileLexicon(file, { fold })` builds a `Lexicon` whose `match(text)` returns
 * `LexiconHit`s (organisation, term, kind, language, original UTF-16 offsets).
 */
export {
  type CompileOptions,
  compileLexicon,
  type Lexicon,
  type LexiconHit,
  type LexiconOrgInfo,
} from './lexicon.js';
/**
 * File format: zod schemas, inferred types, `parseLexicon` (validate a value) and
 * `loadLexicon` (read + validate a file). Both throw `LEXICON_INVALID` with a JSON Pointer.
 */
export {
  type Designation,
  type ExcludedTerm,
  IDEOLOGIES,
  type Ideology,
  jsonPointer,
  type LanguageGap,
  type LexiconFile,
  type LexiconOrganisation,
  type LexiconSource,
  type LexiconTerm,
  lexiconFileSchema,
  loadLexicon,
  parseLexicon,
  SOURCE_KINDS,
  type SourceKind,
  TERM_KINDS,
  type TermKind,
} from './lexicon-schema.js';
