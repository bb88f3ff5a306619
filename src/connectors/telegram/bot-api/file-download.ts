import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { type Api, GrammyError } from 'grammy';
import { AppError, appError } from '../../../core/index.js';

/**
 * Fetches one file the Bot API names by file id: `getFile` gives a path on Telegram's file
 * server, valid for an hour. Telegram's cloud Bot API serves bots files of at most 20 MB (a
 * self-hosted Bot API server lifts that); Rasd's own limit is `maxBytes`, checked twice: against
 * the size Telegram declares, before any byte is fetched, and against the bytes as they arrive,
 * since a declared size is only a claim.
 */

/** Telegram's limit for bots downloading from the cloud Bot API. */
export const CLOUD_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export interface DownloadOptions {
  maxBytes: number;
  /** The folder the file is written into; it must exist. */
  dir: string;
  /** A plain file name (no folders); the file is written as `dir/name`. */
  name: string;
  timeoutMs?: number;
}

export interface DownloadedFile {
  path: string;
  sha256: string;
  size: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** The target path, refused unless it is a plain name directly inside `dir`. */
function targetPath(dir: string, name: string): string {
  const root = resolve(dir);
  const path = resolve(root, name);
  if (name === '' || name.includes('/') || name.includes('\\') || !path.startsWith(root + sep)) {
    throw appError('INPUT_INVALID', `the download name ${JSON.stringify(name.slice(0, 100))} is not a plain file name`);
  }
  return path;
}

function tooLarge(fileId: string, size: number, maxBytes: number): AppError {
  return appError(
    'INPUT_INVALID',
    `file ${fileId} is ${size} bytes or more, over the download limit of ${maxBytes} bytes; it was not downloaded (raise the media size limit to fetch it)`,
  );
}

function getFileError(fileId: string, error: unknown): AppError {
  if (error instanceof GrammyError && error.error_code === 429) {
    return new AppError('TELEGRAM_RATE_LIMITED', {
      detail: `Telegram asked to wait ${error.parameters.retry_after ?? '?'} s before fetching file ${fileId}`,
      cause: error,
    });
  }
  if (error instanceof GrammyError && error.error_code === 400) {
    return new AppError('INPUT_INVALID', {
      detail: `Telegram refused file ${fileId} (${error.description}); files over 20 MB cannot be fetched through the cloud Bot API`,
      cause: error,
    });
  }
  return new AppError('TELEGRAM_UNAVAILABLE', { detail: `file ${fileId} could not be looked up`, cause: error });
}

async function fileInfo(api: Api, fileId: string): Promise<{ path: string; size?: number }> {
  try {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw appError('TELEGRAM_UNAVAILABLE', `Telegram gave no download path for file ${fileId}`);
    return file.file_size === undefined ? { path: file.file_path } : { path: file.file_path, size: file.file_size };
  } catch (error) {
    throw error instanceof AppError ? error : getFileError(fileId, error);
  }
}

function fileUrl(api: Api, filePath: string): string {
  const root = api.options?.apiRoot ?? 'https://api.telegram.org';
  const encoded = filePath.split('/').map(encodeURIComponent).join('/');
  return `${root}/file/bot${api.token}/${encoded}`;
}

/** Streams the body into `handle`, hashing as it goes; aborts past `maxBytes`. */
async function streamTo(
  handle: FileHandle,
  response: Response,
  fileId: string,
  maxBytes: number,
  abort: AbortController,
): Promise<{ sha256: string; size: number }> {
  if (!response.body) throw appError('TELEGRAM_UNAVAILABLE', `file ${fileId} came with no body`);
  const hash = createHash('sha256');
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      abort.abort();
      throw tooLarge(fileId, size, maxBytes);
    }
    hash.update(value);
    await handle.write(value);
  }
  return { sha256: hash.digest('hex'), size };
}

async function fetchFile(url: string, fileId: string, abort: AbortController): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: abort.signal });
  } catch (error) {
    // The URL holds the bot token: only the file id goes into the error.
    throw new AppError('TELEGRAM_UNAVAILABLE', { detail: `file ${fileId} could not be downloaded`, cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw appError('TELEGRAM_UNAVAILABLE', `the file server answered ${response.status} for file ${fileId}`);
  }
  return response;
}

/**
 * Downloads a file by id into `dir/name`, atomically (a temporary name, renamed when complete),
 * and returns where it is with its SHA-256. Errors are AppErrors naming the file id only.
 */
export async function downloadFile(api: Api, fileId: string, options: DownloadOptions): Promise<DownloadedFile> {
  const path = targetPath(options.dir, options.name);
  const info = await fileInfo(api, fileId);
  if (info.size !== undefined && info.size > options.maxBytes) throw tooLarge(fileId, info.size, options.maxBytes);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
  let handle: FileHandle | undefined;
  try {
    const response = await fetchFile(fileUrl(api, info.path), fileId, abort);
    handle = await open(partial, 'wx');
    const { sha256, size } = await streamTo(handle, response, fileId, options.maxBytes, abort);
    await handle.close();
    handle = undefined;
    await rename(partial, path);
    return { path, sha256, size };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('TELEGRAM_UNAVAILABLE', { detail: `file ${fileId} could not be downloaded`, cause: error });
  } finally {
    clearTimeout(timer);
    await handle?.close();
    await rm(partial, { force: true });
  }
}
