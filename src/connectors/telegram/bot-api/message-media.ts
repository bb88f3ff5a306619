import type { MediaKind, MediaRef } from '../../../core/index.js';

/**
 * The media of a Bot API message as MediaRefs with status `remote`: the bytes stay on
 * Telegram's servers until `downloadFile` fetches them by file id, so each ref comes with a
 * BotFile naming the file id to ask for.
 */

/** What `getFile` needs to fetch one MediaRef of an item; `index` points into `item.media`. */
export interface BotFile {
  index: number;
  kind: MediaKind;
  fileId: string;
  /** The same for one file across bots and time: a stable key for "seen this file before". */
  fileUniqueId?: string;
  /** As Telegram declared it; a download larger than the limit is refused before it starts. */
  size?: number;
}

export interface MessageMedia {
  media: MediaRef[];
  files: BotFile[];
}

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
const clip = (value: string | undefined, max: number): string | undefined =>
  value !== undefined && value.length > max ? value.slice(0, max) : value;

/** Message fields that hold one file each, in the order they are read; `animation` comes before `document`. */
const FILE_FIELDS: readonly [string, MediaKind][] = [
  ['video', 'video'],
  ['animation', 'animation'],
  ['audio', 'audio'],
  ['voice', 'voice'],
  ['video_note', 'video-note'],
  ['document', 'document'],
  ['sticker', 'sticker'],
];

/** Stickers carry no MIME type in the Bot API; these are the formats Telegram serves them in. */
function stickerMime(file: Raw): string {
  if (file.is_animated === true) return 'application/x-tgsticker';
  return file.is_video === true ? 'video/webm' : 'image/webp';
}

function put<K extends keyof MediaRef>(ref: MediaRef, key: K, value: MediaRef[K] | undefined): void {
  if (value !== undefined) ref[key] = value;
}

function toRef(kind: MediaKind, file: Raw): MediaRef {
  const ref: MediaRef = { kind, status: 'remote' };
  put(ref, 'fileName', clip(str(file.file_name), 1024));
  put(ref, 'mime', clip(str(file.mime_type), 255) ?? (kind === 'sticker' ? stickerMime(file) : undefined));
  put(ref, 'size', count(file.file_size));
  // A round video note is square: Telegram gives its side as `length`.
  put(ref, 'width', count(file.width) ?? count(file.length));
  put(ref, 'height', count(file.height) ?? count(file.length));
  put(ref, 'durationSeconds', count(file.duration));
  return ref;
}

function toFile(index: number, kind: MediaKind, file: Raw): BotFile | undefined {
  const fileId = str(file.file_id);
  if (fileId === undefined) return undefined;
  const out: BotFile = { index, kind, fileId };
  const unique = str(file.file_unique_id);
  if (unique !== undefined) out.fileUniqueId = unique;
  const size = count(file.file_size);
  if (size !== undefined) out.size = size;
  return out;
}

/** The largest size of a photo: the Bot API lists sizes smallest first. */
function largestPhoto(sizes: unknown): Raw | undefined {
  if (!Array.isArray(sizes)) return undefined;
  let best: Raw | undefined;
  for (const size of sizes) {
    if (!isObject(size)) continue;
    const area = (count(size.width) ?? 0) * (count(size.height) ?? 0);
    if (!best || area >= (count(best.width) ?? 0) * (count(best.height) ?? 0)) best = size;
  }
  return best;
}

export function messageMedia(message: Raw): MessageMedia {
  const out: MessageMedia = { media: [], files: [] };
  const add = (kind: MediaKind, file: Raw) => {
    const ref = toRef(kind, file);
    const botFile = toFile(out.media.length, kind, file);
    out.media.push(ref);
    if (botFile) out.files.push(botFile);
  };
  const photo = largestPhoto(message.photo);
  if (photo) add('photo', photo);
  for (const [field, kind] of FILE_FIELDS) {
    const file = message[field];
    // An animation is also sent as `document` for old clients: one file, one ref.
    if (field === 'document' && isObject(message.animation)) continue;
    if (isObject(file)) add(kind, file);
  }
  return out;
}
