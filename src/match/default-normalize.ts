import { foldTextForLexicon } from '../detect/text/lexicon/index.js';
import type { Normalize } from './text-bank.js';

/**
 * The normaliser text banks use today: the lexicon fold (case, diacritics, tatweel, zero-width
 * and bidi characters, Arabic letter variants, Arabic-Indic digits). Banking (`rasd bank
 * add-text`) and matching (the `text-bank` provider) must share it: an entry signed under one
 * normaliser matches less well under another. When the fuller `detect/text/normalize` lands,
 * switch it here, in one place, and re-sign the banks (or give the new scheme its own prefix).
 */
export const TEXT_BANK_NORMALIZER_ID = 'fold-lexicon';

export const defaultTextBankNormalize: Normalize = (text) => foldTextForLexicon(text);
