import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file whole or not at all, readable by its owner only (sessions and downloaded media
 * are both sensitive): a temporary name beside it, then a rename, so a crash never leaves half a
 * file where a reader (the scan, the next login) would take it for the real one.
 */
export async function writeAtomically(
  file: string,
  bytes: string | Buffer,
  options: { dirMode?: number } = {},
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, ...(options.dirMode !== undefined && { mode: options.dirMode }) });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
  try {
    await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
