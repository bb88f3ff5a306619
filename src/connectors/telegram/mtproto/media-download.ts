import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Api } from 'telegram';
import { AppError, type MediaRef } from '../../../core/index.js';
import { writeAtomically } from '../atomic-file.js';
import { classifyTelegramError } from './backoff.js';
import { type MediaLimits, mediaOf } from './message-media.js';

/**
 * A live message's files, downloaded within the limits into the monitor's media folder as
 * `<chatId>/<messageId>-<version>-<n>.<ext>` (an edit that swaps the file keeps the earlier
 * version's file), and described as the export reader describes a file that is
 * in the export: status `present`, a path relative to the folder, the sha256 of the bytes. A file
 * not wanted (a kind the scan does not use, or too large) or that could not be fetched stays
 * `remote` with a note saying why, so the message is still scanned for its text: one bad file
 * never fails its message, its back-fill page or the live update (only a revoked session stops).
 * Telegram's file references expire after a while; an expired one is renewed once by re-reading
 * the message.
 */

export interface MediaDownload {
  mediaDir: string;
  limits: MediaLimits;
  /** The port's download, already wrapped in the retry policy. */
  fetch: (media: Api.TypeMessageMedia, maxBytes: number) => Promise<Buffer | undefined>;
  /** The message read again (fresh file references); undefined when it is gone. */
  reread?: () => Promise<Api.TypeMessage | undefined>;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
  'application/x-tgsticker': 'tgs',
};

/** A safe file extension: from the mime type, else the file name, else the kind. */
export function extensionOf(ref: MediaRef): string {
  const byMime = ref.mime === undefined ? undefined : EXTENSIONS[ref.mime.toLowerCase()];
  if (byMime !== undefined) return byMime;
  const fromName = ref.fileName?.split('.').pop()?.toLowerCase();
  if (fromName !== undefined && fromName !== ref.fileName?.toLowerCase() && /^[a-z0-9]{1,8}$/.test(fromName)) {
    return fromName;
  }
  return ref.kind === 'photo' ? 'jpg' : 'bin';
}

/** A file of one chat under the media folder, absolute and relative to it; refuses anything that would leave it. */
export function mediaFile(mediaDir: string, chatId: string, name: string): { absolute: string; relative: string } {
  const root = resolve(mediaDir);
  const file = resolve(root, chatId, name);
  const inside = relative(root, file);
  const plain = /^\d{1,20}$/.test(chatId) && /^[A-Za-z0-9][A-Za-z0-9_-]{0,80}\.[a-z0-9]{1,8}$/.test(name);
  if (!plain || inside.startsWith('..') || isAbsolute(inside) || !file.startsWith(root + sep)) {
    throw new AppError('MEDIA_PATH_ESCAPE', {
      detail: `the media path for chat ${chatId.slice(0, 32)} leaves ${mediaDir}`,
    });
  }
  return { absolute: file, relative: inside.split(sep).join('/') };
}

/** The path of the n-th file of a message version (its edit time, 0 when never edited) under the media folder. */
export function mediaPath(
  mediaDir: string,
  chatId: string,
  file: { messageId: number; version: number; n: number },
  ext: string,
): string {
  const { messageId, version, n } = file;
  if (![messageId, version, n].every((part) => Number.isSafeInteger(part) && part >= 0)) {
    throw new AppError('MEDIA_PATH_ESCAPE', {
      detail: `message ${messageId} of chat ${chatId.slice(0, 32)} has no safe file name`,
    });
  }
  return mediaFile(mediaDir, chatId, `${messageId}-${version}-${n}.${ext}`).absolute;
}

/** Only a revoked session stops the caller; any other failure costs this one file. */
function isSessionFailure(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'TELEGRAM_SESSION_INVALID';
  return classifyTelegramError(error).kind === 'session';
}

function isFileReferenceExpired(error: unknown): boolean {
  const name = (error as { errorMessage?: unknown } | undefined)?.errorMessage;
  return typeof name === 'string' && name.startsWith('FILE_REFERENCE_');
}

/** Why a file was not fetched, by error code only (an error's text may quote content). */
function failureNote(error: unknown): string {
  const rpc = (error as { errorMessage?: unknown } | undefined)?.errorMessage;
  const code =
    error instanceof AppError ? error.code : typeof rpc === 'string' && /^[A-Z0-9_]{1,64}$/.test(rpc) ? rpc : undefined;
  return `the download failed${code === undefined ? '' : ` (${code})`} on a Telegram or network error; it was not scanned`;
}

/** The n-th file's bytes; an expired file reference is renewed once by re-reading the message. */
async function fetchFile(
  download: MediaDownload,
  n: number,
  source: Api.TypeMessageMedia,
): Promise<Buffer | undefined> {
  const { maxBytes } = download.limits;
  try {
    return await download.fetch(source, maxBytes);
  } catch (error) {
    if (!isFileReferenceExpired(error) || download.reread === undefined) throw error;
    const fresh = await download.reread();
    const again = fresh instanceof Api.Message ? mediaOf(fresh, download.limits)[n] : undefined;
    if (again === undefined || !again.wanted) throw error;
    return download.fetch(again.source, maxBytes);
  }
}

/** The message's media refs, with each wanted file downloaded; [] when it has none. */
export async function downloadMessageMedia(
  download: MediaDownload,
  message: Api.Message,
  chatId: string,
): Promise<MediaRef[]> {
  const refs: MediaRef[] = [];
  for (const [n, mapped] of mediaOf(message, download.limits).entries()) {
    if (!mapped.wanted) {
      refs.push(mapped.ref);
      continue;
    }
    let bytes: Buffer | undefined;
    try {
      bytes = await fetchFile(download, n, mapped.source);
    } catch (error) {
      if (isSessionFailure(error)) throw error;
      refs.push({ ...mapped.ref, note: failureNote(error) });
      continue;
    }
    if (bytes === undefined) {
      const note = `it is over the download limit of ${download.limits.maxBytes} bytes, so it was not downloaded`;
      refs.push({ ...mapped.ref, note });
      continue;
    }
    const version = message.editDate ?? 0;
    const file = mediaPath(download.mediaDir, chatId, { messageId: message.id, version, n }, extensionOf(mapped.ref));
    await writeAtomically(file, bytes);
    const { note: _note, ...described } = mapped.ref;
    refs.push({
      ...described,
      status: 'present',
      path: relative(resolve(download.mediaDir), file).split(sep).join('/'),
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  return refs;
}
