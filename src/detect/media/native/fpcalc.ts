import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, invalidInput } from '../../../core/errors.js';
import { type ProcessResult, runProcess } from './run-process.js';

/**
 * Runs Chromaprint's fpcalc (`-raw -json`) on one audio or video file and hands back what it said;
 * the caller decides what its exit codes mean (Debian's fpcalc 1.5.1 exits 3 after printing a good
 * fingerprint). fpcalc decodes with the ffmpeg libraries, which also follow playlists and concat
 * lists to other files and URLs; so only files that start like a real audio or video container
 * reach it, which keeps a text file posing as audio from making it read elsewhere.
 */
export interface FpcalcOptions {
  timeoutMs: number;
  /** Seconds of audio fingerprinted from the start (`-length`). */
  maxSeconds: number;
  /** File size above which the file is refused before fpcalc opens it. */
  maxBytes: number;
}

/** A JSON line with a duration and up to an hour of items is far below this. */
const MAX_OUTPUT_BYTES = 1024 * 1024;
const SNIFF_BYTES = 16;

/** Container signatures: [offset, bytes]. ffmpeg probes content, so the start decides the demuxer. */
const CONTAINERS: readonly (readonly [number, string])[] = [
  [0, 'RIFF'], // WAV, AVI
  [0, 'OggS'], // Ogg Vorbis/Opus: Telegram voice messages
  [0, 'ID3'], // MP3 with tags
  [0, 'fLaC'],
  [4, 'ftyp'], // MP4, M4A, MOV, 3GP
  [0, '\u001aE\u00df\u00a3'], // Matroska, WebM
  [0, '#!AMR'],
  [0, 'FLV'],
  [0, 'FORM'], // AIFF
  [0, 'caff'],
  [0, '\u0030\u0026\u00b2\u0075'], // ASF, WMA
  [0, '.snd'], // Sun/NeXT AU
];

export async function fpcalc(path: string, options: FpcalcOptions): Promise<ProcessResult> {
  // Absolute, so neither a leading '-' (an option) nor 'proto:' (an ffmpeg protocol) applies.
  const file = resolve(path);
  await checkAudioFile(file, options.maxBytes);
  const seconds = Math.max(1, Math.ceil(options.maxSeconds));
  return runProcess('fpcalc', ['-raw', '-json', '-length', String(seconds), file], {
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: MAX_OUTPUT_BYTES,
  });
}

async function checkAudioFile(file: string, maxBytes: number): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new AppError('SOURCE_UNREADABLE', { detail: `audio cannot be opened: ${file}`, pointer: file, cause: error });
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw invalidInput(`audio file is ${size} bytes; the limit is ${maxBytes}`, file);
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    if (!isKnownContainer(head.subarray(0, bytesRead))) {
      throw invalidInput('file is not a known audio or video container', file);
    }
  } finally {
    await handle.close();
  }
}

export function isKnownContainer(head: Buffer): boolean {
  if (isMpegAudioFrame(head)) return true;
  return CONTAINERS.some(([offset, magic]) =>
    head.subarray(offset, offset + magic.length).equals(Buffer.from(magic, 'latin1')),
  );
}

/** Untagged MP3/MP2 and ADTS AAC start straight with an 11-bit frame sync. */
function isMpegAudioFrame(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0;
}
