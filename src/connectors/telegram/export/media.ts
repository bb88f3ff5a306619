import type { MediaKind, MediaRef } from '../../../core/index.js';
import { checkMediaPath, checkMediaPathLexically, type MediaRoot, type PathCheck } from './media-path.js';
import { clip, count, put, type RawObject, seconds, str } from './raw-fields.js';

const FILE_KINDS: Readonly<Record<string, MediaKind>> = {
  video_file: 'video',
  animation: 'animation',
  voice_message: 'voice',
  audio_file: 'audio',
  video_message: 'video-note',
  sticker: 'sticker',
};

export interface MediaResult {
  media: MediaRef[];
  /** One sentence per refused path that tried to leave the folder, for MEDIA_PATH_ESCAPE errors. */
  escapes: string[];
}

function fileKind(mediaType: unknown): MediaKind {
  return typeof mediaType === 'string' && Object.hasOwn(FILE_KINDS, mediaType)
    ? (FILE_KINDS[mediaType] as MediaKind)
    : 'document';
}

function escapeSentence(field: string, value: string, check: PathCheck): string {
  const shown = JSON.stringify(clip(value, 200));
  return `the ${field} path ${shown} was refused and not opened (${check.note}); real exports only name files inside their own folder, so check where this export came from`;
}

/** The MediaRef for one named file: what the export says, plus what the disk says. */
function toRef(kind: MediaKind, message: RawObject, declaredSize: unknown, check: PathCheck): MediaRef {
  const ref: MediaRef = { kind, status: check.status };
  if (check.status === 'present' || check.status === 'missing') ref.path = clip(check.path, 4096);
  put(ref, 'size', check.status === 'present' && check.size !== undefined ? check.size : count(declaredSize));
  put(ref, 'width', count(message.width));
  put(ref, 'height', count(message.height));
  put(ref, 'note', check.note);
  return ref;
}

function addFileFacts(ref: MediaRef, message: RawObject, thumb: PathCheck | undefined): MediaRef {
  put(ref, 'fileName', clip(str(message.file_name), 1024));
  put(ref, 'mime', clip(str(message.mime_type), 255));
  put(ref, 'durationSeconds', seconds(message.duration_seconds));
  if (thumb?.status === 'present' || thumb?.status === 'missing') ref.thumbnailPath = clip(thumb.path, 4096);
  return ref;
}

/** Photo, file and thumbnail paths named by a message, in a fixed order. */
function namedPaths(message: RawObject): [string | undefined, string | undefined, string | undefined] {
  const file = str(message.file);
  return [str(message.photo), file, file === undefined ? undefined : str(message.thumbnail)];
}

export function hasMedia(message: RawObject): boolean {
  return typeof message.photo === 'string' || typeof message.file === 'string';
}

type Check = PathCheck | undefined;

/**
 * Photos and files of a message, each with its path checked; never opens a file. Only a path
 * that must be looked up on disk makes this wait: a file the exporter skipped (the usual case)
 * or a refused path is answered at once, sparing a promise per message.
 */
export function readMedia(message: RawObject, root: MediaRoot): MediaResult | Promise<MediaResult> {
  const [photo, file, thumbnail] = namedPaths(message);
  const quick = (value: string | undefined): Check =>
    value === undefined ? undefined : checkMediaPathLexically(value, root);
  const [photoQuick, fileQuick, thumbQuick] = [quick(photo), quick(file), quick(thumbnail)];
  const onDisk = (value: string | undefined, known: Check) => value !== undefined && known === undefined;
  if (!onDisk(photo, photoQuick) && !onDisk(file, fileQuick) && !onDisk(thumbnail, thumbQuick)) {
    return toMediaResult(message, [photo, file, thumbnail], [photoQuick, fileQuick, thumbQuick]);
  }
  const check = (value: string | undefined, known: Check) =>
    known ?? (value === undefined ? undefined : checkMediaPath(value, root));
  return Promise.all([check(photo, photoQuick), check(file, fileQuick), check(thumbnail, thumbQuick)]).then((checks) =>
    toMediaResult(message, [photo, file, thumbnail], checks),
  );
}

function toMediaResult(
  message: RawObject,
  [photo, file, thumbnail]: [string | undefined, string | undefined, string | undefined],
  [photoCheck, fileCheck, thumbCheck]: [Check, Check, Check],
): MediaResult {
  const media: MediaRef[] = [];
  const escapes: string[] = [];
  const refused = (field: string, value: string | undefined, c: Check) => {
    if (c?.status === 'rejected' && c.escape) escapes.push(escapeSentence(field, value ?? '', c));
  };
  if (photoCheck) media.push(toRef('photo', message, message.photo_file_size, photoCheck));
  if (fileCheck) {
    media.push(
      addFileFacts(toRef(fileKind(message.media_type), message, message.file_size, fileCheck), message, thumbCheck),
    );
  }
  refused('photo', photo, photoCheck);
  refused('file', file, fileCheck);
  refused('thumbnail', thumbnail, thumbCheck);
  return { media, escapes };
}
