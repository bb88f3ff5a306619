import { invalidInput } from '../../../../core/index.js';
import { readTmk, type TmkHash, writeTmk } from './tmk-format.js';

/**
 * The text form of a TMK hash in a bank: standard padded base64 of the whole `.tmk` file, so
 * the file Meta's `tmk-hash-video` writes and the value Rasd stores are the same bytes. It is
 * large (a TMK+PDQF file is 263,344 bytes, 351,128 characters as base64), yet under the store's
 * 1 MiB value limit; level 2 needs every cos/sin feature, so nothing smaller would do. The file
 * has its own header (algorithm, frame rate, periods), so no version prefix is needed.
 */

/** Four TMK+PDQF files' worth: anything larger is not a hash we can compare. */
const MAX_TEXT_CHARS = 4 * 351_128;

/** The canonical text form of a hash. */
export function serializeTmk(hash: TmkHash): string {
  return writeTmk(hash).toString('base64');
}

/**
 * Reads the text form, tolerating line breaks (base64 tools wrap at 76) and missing padding;
 * `text` is the canonical form to store. Throws `INPUT_INVALID` for anything that is not a whole
 * `.tmk` file.
 */
export function parseTmkText(raw: string): { hash: TmkHash; text: string } {
  const body = raw.replace(/\s+/g, '');
  if (body.length > MAX_TEXT_CHARS) throw invalidInput('TMK text is too long to be a .tmk file');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw invalidInput('TMK text must be the base64 of a .tmk file');
  const bytes = Buffer.from(body, 'base64');
  return { hash: readTmk(bytes), text: bytes.toString('base64') };
}
