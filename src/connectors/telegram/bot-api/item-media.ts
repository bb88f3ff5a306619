import { createHash } from 'node:crypto';
import type { Api } from 'grammy';
import { isAppError, type MediaKind, type MediaRef } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import { CLOUD_DOWNLOAD_LIMIT, downloadFile } from './file-download.js';
import type { BotFile } from './message-media.js';

/**
 * Fetches an item's media before it is handed on, within limits, so the scan can hash what was
 * posted. A file over the limit, of a kind the scan does not use, or that fails to download
 * stays a `remote` ref with a note: the item is still scanned for its text.
 */
export interface MediaDownloads {
  /** The folder downloads go to; a downloaded ref's `path` is relative to it. */
  dir: string;
  maxBytes: number;
  /** Kinds the scan uses; others are not fetched. Default: every kind. */
  kinds?: readonly MediaKind[];
}

/** A stable, safe file name: Telegram's unique id when it is plain, else a hash of the file id. */
function fileName(file: BotFile): string {
  if (file.fileUniqueId !== undefined && /^[A-Za-z0-9_-]{1,128}$/.test(file.fileUniqueId)) return file.fileUniqueId;
  return createHash('sha256').update(file.fileId).digest('hex').slice(0, 32);
}

async function fetchOne(api: Api, ref: MediaRef, file: BotFile, limits: MediaDownloads): Promise<MediaRef> {
  const maxBytes = Math.min(limits.maxBytes, CLOUD_DOWNLOAD_LIMIT);
  if (file.size !== undefined && file.size > maxBytes) {
    return { ...ref, note: `not downloaded: ${file.size} bytes is over the limit of ${maxBytes} bytes` };
  }
  try {
    const name = fileName(file);
    const got = await downloadFile(api, file.fileId, { dir: limits.dir, name, maxBytes });
    return { ...ref, status: 'present', path: name, sha256: got.sha256, size: got.size };
  } catch (error) {
    const why = isAppError(error) ? (error.detail ?? error.title) : 'the download failed';
    return { ...ref, note: `not downloaded: ${why}`.slice(0, 1024) };
  }
}

/** The item event with each fetchable medium downloaded (or noted why not); other events unchanged. */
export async function withMedia(
  api: Api,
  events: LiveEvent[],
  files: readonly BotFile[],
  limits: MediaDownloads,
): Promise<LiveEvent[]> {
  return Promise.all(
    events.map(async (event) => {
      if (event.kind !== 'item' || files.length === 0) return event;
      const media = [...(event.item.media ?? [])];
      for (const file of files) {
        const ref = media[file.index];
        if (!ref || (limits.kinds !== undefined && !limits.kinds.includes(file.kind))) continue;
        media[file.index] = await fetchOne(api, ref, file, limits);
      }
      return { ...event, item: { ...event.item, media } };
    }),
  );
}
