import { extname } from 'node:path';
import { isAppError, type MediaRef } from '../../core/index.js';

/**
 * Which media carry audio worth fingerprinting, and how a missing soundtrack is told apart from
 * a failure. fpcalc answers INPUT_INVALID for a file with no audio stream (most animations, many
 * screen recordings), for audio too short to print (under ≈3.7 s) and for a file it cannot
 * decode; none of those can hide an audio match, so they are skipped. A timeout or a missing
 * fpcalc (PROVIDER_FAILED) could, so it is thrown and reported.
 */

const AUDIO_EXTENSIONS = new Set(['.mp3', '.ogg', '.oga', '.opus', '.m4a', '.aac', '.wav', '.flac', '.wma', '.amr']);

/** Audio files and voice messages, or anything typed audio/…; videos' soundtracks are asked for separately. */
export function isAudio(ref: MediaRef): boolean {
  const mime = ref.mime?.toLowerCase();
  if (mime !== undefined) return mime.startsWith('audio/');
  if (ref.kind === 'audio' || ref.kind === 'voice') return true;
  if (ref.kind !== 'document') return false;
  return AUDIO_EXTENSIONS.has(extname(ref.path ?? ref.fileName ?? '').toLowerCase());
}

/** The file's print, or undefined when it has no usable audio. */
export async function soundtrackOf(
  path: string,
  fingerprint: (path: string) => Promise<Uint32Array>,
): Promise<Uint32Array | undefined> {
  try {
    return await fingerprint(path);
  } catch (error) {
    if (isAppError(error) && error.code === 'INPUT_INVALID') return undefined;
    throw error;
  }
}
