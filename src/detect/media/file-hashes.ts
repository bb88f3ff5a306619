import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../../core/errors.js';

/**
 * Exact-file signals: MD5 (what hash lists such as Tech Against Terrorism's and ThreatExchange's
 * `video_md5` carry) and SHA-256, from one pass over the bytes. Paths are streamed, so a 2 GB
 * video costs a 64 KiB buffer, not 2 GB of memory.
 */
export interface FileHashes {
  /** 32 lower-case hex digits. */
  md5: string;
  /** 64 lower-case hex digits. */
  sha256: string;
  bytes: number;
}

function digest(md5: Hash, sha256: Hash, bytes: number): FileHashes {
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex'), bytes };
}

function unreadable(path: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('MEDIA_MISSING', { detail: `${path} does not exist`, pointer: path });
  const why = code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
  return new AppError('SOURCE_UNREADABLE', { detail: `${path} ${why}`, pointer: path, cause: error });
}

/**
 * MD5, SHA-256 and length of a file (given by path) or of bytes in memory. A path that is
 * missing throws MEDIA_MISSING; one that cannot be read throws SOURCE_UNREADABLE.
 * @example const { md5 } = await fileHashes('video.mp4'); // '0a21c8f85a55a9e276ffc2c53f6887c4'
 */
export async function fileHashes(input: string | Buffer): Promise<FileHashes> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  if (typeof input !== 'string') {
    md5.update(input);
    sha256.update(input);
    return digest(md5, sha256, input.length);
  }
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(input, { highWaterMark: 64 * 1024 })) {
      const buffer = chunk as Buffer;
      md5.update(buffer);
      sha256.update(buffer);
      bytes += buffer.length;
    }
  } catch (error) {
    throw unreadable(input, error);
  }
  return digest(md5, sha256, bytes);
}
