import { Api } from 'telegram';
import type { MediaKind, MediaRef } from '../../../core/index.js';
import { clip, put } from '../export/raw-fields.js';

/**
 * The photo or file of a live message as a MediaRef, described the way the export reader
 * describes the same file (`export/media.ts`): kind, mime, size, width and height, duration, file
 * name, with Telegram Desktop's rules for which attribute wins. A live file has no path until it
 * is downloaded, so every ref here has `status: 'remote'`; `wanted` says whether the monitor should
 * download it (a kind the scan uses, within the size limit) and `note` says why not. The monitor
 * passes the refs of files it downloaded back to `messageToItem` (`options.media`) with
 * `status: 'present'` and a path relative to its media folder.
 * Web page previews, locations, polls, contacts and the like are not media (the exporter keeps no
 * file for them either).
 */

export interface MediaLimits {
  /** Files larger than this are not downloaded. */
  maxBytes: number;
  /** Kinds the scan uses; others are described but not downloaded. */
  kinds: readonly MediaKind[];
}

export interface MappedMedia {
  ref: MediaRef;
  /** The GramJS object to download. */
  source: Api.TypeMessageMedia;
  wanted: boolean;
  /** Why it is not wanted (the same sentence as `ref.note`). */
  reason?: string;
}

/** A file of a message as described, before deciding whether to download it. */
export interface DescribedMedia {
  ref: MediaRef;
  source: Api.TypeMessageMedia;
}

const positive = (value: number | undefined): value is number => value !== undefined && value > 0;

/** The exporter's "max image": the size with the largest area, skipping stripped and path previews. */
function largestPhotoSize(photo: Api.Photo): { width: number; height: number; size?: number } | undefined {
  let best: { width: number; height: number; size?: number } | undefined;
  let bestArea = 0;
  for (const size of photo.sizes ?? []) {
    let bytes: number | undefined;
    if (size instanceof Api.PhotoSize) bytes = size.size;
    else if (size instanceof Api.PhotoCachedSize) bytes = size.bytes?.length;
    else if (size instanceof Api.PhotoSizeProgressive) {
      if (!size.sizes?.length) continue;
      bytes = size.sizes[size.sizes.length - 1];
    } else continue;
    const area = size.w * size.h;
    if (!(area > bestArea)) continue;
    bestArea = area;
    best = { width: size.w, height: size.h };
    put(best, 'size', bytes);
  }
  return best;
}

function photoRef(media: Api.MessageMediaPhoto): DescribedMedia | undefined {
  if (!(media.photo instanceof Api.Photo)) return undefined;
  const ref: MediaRef = { kind: 'photo', status: 'remote' };
  const largest = largestPhotoSize(media.photo);
  if (largest) {
    put(ref, 'size', largest.size);
    // The exporter writes dimensions only when both are known.
    if (positive(largest.width) && positive(largest.height))
      Object.assign(ref, { width: largest.width, height: largest.height });
  }
  return { ref, source: media };
}

interface DocumentFacts {
  sticker?: boolean;
  round?: boolean;
  voice?: boolean;
  animated?: boolean;
  video?: boolean;
  audio?: boolean;
  width?: number;
  height?: number;
  duration?: number;
  fileName?: string;
}

/** Attributes in order, later ones overwriting earlier ones, as the exporter reads them. */
function documentFacts(document: Api.Document): DocumentFacts {
  const facts: DocumentFacts = {};
  for (const attribute of document.attributes ?? []) {
    if (attribute instanceof Api.DocumentAttributeImageSize)
      Object.assign(facts, { width: attribute.w, height: attribute.h });
    else if (attribute instanceof Api.DocumentAttributeAnimated) facts.animated = true;
    else if (attribute instanceof Api.DocumentAttributeSticker || attribute instanceof Api.DocumentAttributeCustomEmoji)
      facts.sticker = true;
    else if (attribute instanceof Api.DocumentAttributeVideo) {
      if (attribute.roundMessage) facts.round = true;
      else facts.video = true;
      // The exporter keeps whole seconds of a video's (fractional) duration.
      Object.assign(facts, { width: attribute.w, height: attribute.h, duration: Math.trunc(attribute.duration) });
    } else if (attribute instanceof Api.DocumentAttributeAudio) {
      if (attribute.voice) facts.voice = true;
      else facts.audio = true;
      facts.duration = attribute.duration;
    } else if (attribute instanceof Api.DocumentAttributeFilename) facts.fileName = attribute.fileName;
  }
  return facts;
}

/** The exporter's `media_type` precedence: a round video is a video note even when also animated. */
function documentKind(facts: DocumentFacts): MediaKind {
  if (facts.sticker) return 'sticker';
  if (facts.round) return 'video-note';
  if (facts.voice) return 'voice';
  if (facts.animated) return 'animation';
  if (facts.video) return 'video';
  if (facts.audio) return 'audio';
  return 'document';
}

function documentRef(media: Api.MessageMediaDocument): DescribedMedia | undefined {
  const document = media.document;
  if (!(document instanceof Api.Document)) return undefined;
  const facts = documentFacts(document);
  const kind = documentKind(facts);
  const ref: MediaRef = { kind, status: 'remote' };
  const size = Number(document.size);
  if (Number.isSafeInteger(size) && size >= 0) ref.size = size;
  if (positive(facts.width) && positive(facts.height)) Object.assign(ref, { width: facts.width, height: facts.height });
  put(ref, 'fileName', clip(facts.fileName || undefined, 1024));
  // The exporter writes no mime type for stickers.
  if (kind !== 'sticker') put(ref, 'mime', clip(document.mimeType || undefined, 255));
  if (positive(facts.duration) && Number.isFinite(facts.duration)) ref.durationSeconds = facts.duration;
  return { ref, source: media };
}

function whyNotWanted(ref: MediaRef, limits: MediaLimits): string | undefined {
  if (!limits.kinds.includes(ref.kind)) return `${ref.kind} files are not scanned, so it was not downloaded`;
  if (ref.size === undefined) return 'Telegram did not say how large it is, so it was not downloaded';
  if (ref.size > limits.maxBytes)
    return `it is ${ref.size} bytes, over the download limit of ${limits.maxBytes} bytes, so it was not downloaded`;
  return undefined;
}

/** The message's photo or file, described (status `remote`, no note); a message holds at most one. */
export function describeMedia(message: Api.Message): DescribedMedia[] {
  const media = message.media;
  let described: DescribedMedia | undefined;
  if (media instanceof Api.MessageMediaPhoto) described = photoRef(media);
  else if (media instanceof Api.MessageMediaDocument) described = documentRef(media);
  return described === undefined ? [] : [described];
}

/** What media the message has, and whether each is to be downloaded. */
export function mediaOf(message: Api.Message, limits: MediaLimits): MappedMedia[] {
  return describeMedia(message).map((described): MappedMedia => {
    const reason = whyNotWanted(described.ref, limits);
    if (reason === undefined) return { ...described, wanted: true };
    described.ref.note = reason;
    return { ...described, wanted: false, reason };
  });
}
