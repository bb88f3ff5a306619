import type { MediaKind, MediaRef } from '../../../core/index.js';
import { checkMediaPath, type MediaRoot, type PathCheck } from './media-path.js';
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

/** Photos and files of a message, each with its path checked; never opens a file. */
export async function readMedia(message: RawObject, root: MediaRoot): Promise<MediaResult> {
  const [photo, file, thumbnail] = namedPaths(message);
  const check = (value: string | undefined) => (value === undefined ? undefined : checkMediaPath(value, root));
  const [photoCheck, fileCheck, thumbCheck] = await Promise.all([check(photo), check(file), check(thumbnail)]);
  const media: MediaRef[] = [];
  const escapes: string[] = [];
  const refused = (field: string, value: string | undefined, c: PathCheck | undefined) => {
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
