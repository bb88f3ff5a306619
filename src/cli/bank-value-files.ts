import { readFile, stat } from 'node:fs/promises';
import { invalidInput, isAppError } from '../core/index.js';
import { MAX_SIGNAL_VALUE_CHARS } from '../match/exchange/index.js';

/**
 * `rasd bank add` values written as `@PATH` are read from that file: a TMK value (351,128
 * characters) is over Linux's 128 KiB limit on one command-line argument, so it can only come
 * from a file. A `.tmk` file (Meta's binary, what `rasd hash --tmk --out-dir` writes) becomes its
 * base64; any other file is taken as the value's text (e.g. the `tmk` or `chromaprint` field that
 * `rasd hash --json` printed, saved with `jq -r`).
 */

const TMK_MAGIC = Buffer.from('TMK1FVEC', 'latin1');

export async function readValueArgs(values: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const value of values) out.push(value.startsWith('@') ? await readValueFile(value.slice(1)) : value);
  return out;
}

async function readValueFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    // A value larger than the store takes is refused before the file is read.
    if ((await stat(path)).size > MAX_SIGNAL_VALUE_CHARS) {
      throw invalidInput(`@${path} is larger than a bank value may be (${MAX_SIGNAL_VALUE_CHARS} characters)`, path);
    }
    bytes = await readFile(path);
  } catch (error) {
    if (isAppError(error) || (error as NodeJS.ErrnoException).code === undefined) throw error;
    throw invalidInput(`@${path} cannot be read (${(error as NodeJS.ErrnoException).code})`, path);
  }
  if (bytes.subarray(0, TMK_MAGIC.length).equals(TMK_MAGIC)) return bytes.toString('base64');
  return bytes.toString('utf8').trim();
}
