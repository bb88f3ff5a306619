import { open } from 'node:fs/promises';
import { appError, toAppError } from '../core/index.js';

/**
 * What a file holds, from its first bytes rather than its name: a file called `.jpg` may be a
 * video or nothing at all, and a re-upload may have lost its extension.
 */
export type MediaFileKind = 'image' | 'video' | 'audio' | 'other';

const IMAGE_BRANDS = new Set(['heic', 'heix', 'mif1', 'msf1', 'avif', 'avis']);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ']);

export function sniffKind(head: Buffer): MediaFileKind {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n' || ascii(0, 4) === 'GIF8') return 'image';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'image';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    return IMAGE_BRANDS.has(brand) ? 'image' : AUDIO_BRANDS.has(brand) ? 'audio' : 'video';
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'video';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'video';
  return sniffAudio(head, ascii) ? 'audio' : 'other';
}

/** Telegram voice messages are Ogg Opus; an Ogg with Theora video is rare enough to be taken for audio. */
function sniffAudio(head: Buffer, ascii: (from: number, to: number) => string): boolean {
  if (ascii(0, 4) === 'OggS' || ascii(0, 3) === 'ID3' || ascii(0, 4) === 'fLaC' || ascii(0, 5) === '#!AMR') return true;
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return true;
  if (ascii(0, 4) === 'FORM' && (ascii(8, 12) === 'AIFF' || ascii(8, 12) === 'AIFC')) return true;
  // Untagged MP3 and ADTS AAC start straight with an 11-bit frame sync.
  return head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0;
}

/** Reads the first bytes of a file; a missing or unreadable file is an AppError naming it. */
export async function fileKind(path: string): Promise<MediaFileKind> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    if (!(await handle.stat()).isFile()) throw appError('INPUT_INVALID', `${path} is not a regular file`, path);
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return sniffKind(head.subarray(0, bytesRead));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw appError('MEDIA_MISSING', `${path} does not exist`, path);
    throw toAppError(error, 'SOURCE_UNREADABLE');
  } finally {
    await handle?.close();
  }
}
