import { stat } from 'node:fs/promises';
import { extname, isAbsolute, resolve } from 'node:path';
import { AppError, CATEGORY_IDS, type Category, type MediaRef, type Signal, toAppError } from '../../core/index.js';
import { fingerprintAudio } from '../../detect/media/audio/index.js';
import type { ImageLimits } from '../../detect/media/decode.js';
import { fileHashes } from '../../detect/media/file-hashes.js';
import { hashImageDihedral } from '../../detect/media/pdq/index.js';
import { hashVideo, type VpdqFrame } from '../../detect/media/video/index.js';
import { hashVideoTmk, type TmkHash } from '../../detect/media/video/tmk/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';
import { isAudio, soundtrackOf } from './media-bank-audio.js';
import { describeMatch } from './media-bank-evidence.js';

/**
 * Re-uploads of banked media: exact copies by file MD5 / SHA-256, near-duplicates by PDQ for
 * images, vPDQ and TMK for videos, Chromaprint for audio, voice messages and video soundtracks.
 * An image is hashed in its 8 dihedral forms, so a mirrored or rotated re-upload finds the entry
 * banked from the original; the evidence names the form it matched as (for audio, how far the
 * copy was trimmed). Each costly hash runs only when some enabled bank holds its type: a video is
 * decoded for vPDQ, decoded again at 15 fps for TMK, and fpcalc runs for audio. The banks
 * themselves (index, thresholds, refresh) are behind `MediaBankLookup`, supplied by app/.
 */

/** PDQ's dihedral forms, in the order a tie is resolved: the untouched image first. */
export const DIHEDRAL_FORMS = ['orig', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipp', 'flipm'] as const;
export type DihedralForm = (typeof DIHEDRAL_FORMS)[number];

export const MEDIA_BANK_SIGNAL_TYPES = ['pdq', 'md5', 'sha256', 'vpdq', 'tmk', 'audio-fingerprint'] as const;
export type MediaBankSignalType = (typeof MEDIA_BANK_SIGNAL_TYPES)[number];

export interface MediaBankEntry {
  id: string;
  bank: string;
  signalType: MediaBankSignalType;
  /**
   * Lower-case hex; for vPDQ the reference's `frame,quality,hash,timestamp` lines; for audio the
   * `cp1:` text of a Chromaprint print; for TMK the base64 of the `.tmk` file.
   */
  value: string;
  org?: string;
  category?: string;
  note?: string;
}

export interface MediaBankMatch {
  entry: MediaBankEntry;
  /**
   * Hamming distance for PDQ; 0 for an exact hash; for vPDQ, 100 − the lower match percentage;
   * for audio the bit error rate at the best offset; for TMK 1 − the lower of its two scores.
   */
  distance: number;
  /** The threshold the distance was held against (0 for exact hashes). */
  maxDistance: number;
  /** For PDQ: which form of the scanned image matched. */
  form?: DihedralForm;
  /** For vPDQ: the share of each video's distinct frames found in the other (0–100). */
  percent?: { query: number; target: number };
  /**
   * For audio: seconds into the banked audio where the scanned copy starts (positive: the copy
   * was trimmed at the start; negative: it has that much extra before), and how long they overlap.
   */
  audio?: { offsetSeconds: number; overlapSeconds: number };
  /** For TMK: both scores (level 1 −1..1, level 2 0..1). */
  tmk?: { level1: number; level2: number };
}

/** What the provider needs from the banks. */
export interface MediaBankLookup {
  /** Loads the banks on first use (and starts following them); later calls resolve at once. */
  ready(): Promise<void>;
  /** True once loaded: then `hasEntries` answers without waiting. */
  readonly loaded: boolean;
  /** Whether any enabled bank holds a media entry: when none does, no file needs opening. */
  readonly hasEntries: boolean;
  /** Names the bank versions matched against, e.g. `PHOTOS:4,VIDEOS:2`. */
  readonly version: string;
  /** `quality` is the scanned image's PDQ quality, held against each bank's minimum. */
  matchPdq(hashes: Partial<Record<DihedralForm, string>>, quality: number): MediaBankMatch[];
  matchExact(signalType: 'md5' | 'sha256', value: string): MediaBankMatch[];
  /** Whether an enabled bank holds a vPDQ entry: only then is a video decoded. */
  readonly hasVideoEntries: boolean;
  matchVpdq(frames: readonly VpdqFrame[]): MediaBankMatch[];
  /** Whether an enabled bank holds an audio fingerprint: only then does fpcalc run. */
  readonly hasAudioEntries: boolean;
  matchAudio(print: Uint32Array): MediaBankMatch[];
  /** Whether an enabled bank holds a TMK hash: only then is a video hashed for TMK. */
  readonly hasTmkEntries: boolean;
  matchTmk(hash: TmkHash): MediaBankMatch[];
}

export interface MediaHashers {
  fileHashes(path: string): Promise<{ md5: string; sha256: string; bytes: number }>;
  hashImageDihedral(
    path: string,
    limits?: Partial<ImageLimits>,
  ): Promise<{ quality: number; hashes: Record<DihedralForm, string> }>;
  hashVideo(path: string): Promise<VpdqFrame[]>;
  hashVideoTmk(path: string): Promise<TmkHash>;
  /** The Chromaprint print of a file's audio; throws INPUT_INVALID when it has none usable. */
  fingerprintAudio(path: string, maxBytes: number): Promise<Uint32Array>;
}

export interface MediaBankProviderOptions {
  /**
   * Where a media path points. Default: absolute paths as they are, relative ones against
   * `baseDir`. Return undefined to skip a ref (it is then neither hashed nor failed).
   */
  resolvePath?: (ref: MediaRef, root: string) => string | undefined;
  /**
   * Folder relative media paths are read from when the item's source names none
   * (`ScanInput.mediaRoot`, an export's folder); default the working directory.
   */
  baseDir?: string;
  /** Files above this size are refused before they are read. */
  maxFileBytes: number;
  imageLimits?: Partial<ImageLimits>;
  hashers?: MediaHashers;
}

export interface MediaBankProvider extends SignalProvider {
  readonly banks: MediaBankLookup;
}

const CATEGORIES = new Set<string>(CATEGORY_IDS);
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff', '.avif', '.heic']);
const DEFAULT_HASHERS: MediaHashers = {
  fileHashes,
  hashImageDihedral,
  hashVideo: (path) => hashVideo(path),
  hashVideoTmk: (path) => hashVideoTmk(path),
  fingerprintAudio: async (path, maxBytes) => (await fingerprintAudio(path, { maxBytes })).fingerprint,
};

export { pdqScore } from './media-bank-evidence.js';

/** Videos, animations (Telegram's GIFs are MP4) and round video notes, or anything typed video/…. */
export function isVideo(ref: MediaRef): boolean {
  const mime = ref.mime?.toLowerCase();
  if (mime !== undefined) return mime.startsWith('video/');
  return ref.kind === 'video' || ref.kind === 'animation' || ref.kind === 'video-note';
}

/** Photos, and documents or stickers whose type says image; SVG is left alone (it is a program). */
export function isImage(ref: MediaRef): boolean {
  const mime = ref.mime?.toLowerCase();
  if (mime !== undefined) return mime.startsWith('image/') && !mime.includes('svg');
  if (ref.kind === 'photo') return true;
  const name = ref.path ?? ref.fileName ?? '';
  return IMAGE_EXTENSIONS.has(extname(name).toLowerCase());
}

export function mediaBankProvider(banks: MediaBankLookup, options: MediaBankProviderOptions): MediaBankProvider {
  const hashers = options.hashers ?? DEFAULT_HASHERS;
  const baseDir = options.baseDir ?? process.cwd();
  const resolvePath =
    options.resolvePath ??
    ((ref: MediaRef, root: string) => {
      if (ref.path === undefined || ref.status !== 'present') return undefined;
      return isAbsolute(ref.path) ? ref.path : resolve(root, ref.path);
    });

  async function matchFile(ref: MediaRef, path: string): Promise<MediaBankMatch[]> {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('PROVIDER_FAILED', { detail: 'it is not a regular file', retryable: false });
    if (info.size > options.maxFileBytes) {
      throw new AppError('PROVIDER_FAILED', {
        detail: `it has ${info.size} bytes, above the ${options.maxFileBytes}-byte limit (mediaBanks.maxFileBytes)`,
        retryable: false,
      });
    }
    const files = await hashers.fileHashes(path);
    const matches = [...banks.matchExact('md5', files.md5), ...banks.matchExact('sha256', files.sha256)];
    if (isImage(ref)) {
      const pdq = await hashers.hashImageDihedral(path, options.imageLimits);
      matches.push(...banks.matchPdq(pdq.hashes, pdq.quality));
    }
    if (isVideo(ref) && banks.hasVideoEntries) matches.push(...banks.matchVpdq(await hashers.hashVideo(path)));
    if (isVideo(ref) && banks.hasTmkEntries) matches.push(...banks.matchTmk(await hashers.hashVideoTmk(path)));
    if ((isAudio(ref) || isVideo(ref)) && banks.hasAudioEntries) {
      const print = await soundtrackOf(path, (p) => hashers.fingerprintAudio(p, options.maxFileBytes));
      if (print !== undefined) matches.push(...banks.matchAudio(print));
    }
    return matches;
  }

  async function provideAsync(input: ScanInput, refs: [number, MediaRef, string][]): Promise<Signal[]> {
    await banks.ready();
    if (!banks.hasEntries) return [];
    const version = `media-bank@${banks.version}`;
    const signals: Signal[] = [];
    const problems: string[] = [];
    for (const [index, ref, path] of refs) {
      try {
        for (const m of await matchFile(ref, path)) signals.push(toSignal(m, version));
      } catch (error) {
        problems.push(`media ${index} (${ref.path ?? ref.kind}): ${reason(error, ref, input.mediaRoot ?? baseDir)}`);
      }
    }
    // A match found in one file is kept even when another file failed: a corrupt decoy next to
    // a banked image must not hide it. Only a failure that could have hidden a match is reported.
    if (problems.length > 0 && signals.length === 0) {
      throw new AppError('PROVIDER_FAILED', {
        detail: `cannot hash ${problems.join('; ')}`,
        pointer: `${input.item.chat.id}/${input.item.messageId}`,
        retryable: false,
      });
    }
    return dedupe(signals);
  }

  return {
    id: 'media-bank',
    kinds: ['bank-match'],
    get version() {
      return `media-bank@${banks.version}`;
    },
    banks,
    provide(input: ScanInput): Signal[] | Promise<Signal[]> {
      const refs: [number, MediaRef, string][] = [];
      const root = input.mediaRoot ?? baseDir;
      input.item.media.forEach((ref, index) => {
        const path = resolvePath(ref, root);
        if (path !== undefined) refs.push([index, ref, path]);
      });
      // Text-only items (most of a stream) stay synchronous, and so does everything while no
      // bank holds media.
      if (refs.length === 0 || (banks.loaded && !banks.hasEntries)) return [];
      return provideAsync(input, refs);
    },
  };
}

function reason(error: unknown, ref: MediaRef, baseDir: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'MEDIA_MISSING') {
    // Export paths are relative to the export folder, which a provider is not told (yet).
    const relative = ref.path !== undefined && !isAbsolute(ref.path);
    return relative ? `file not found under ${baseDir}, where relative media paths are read from` : 'file not found';
  }
  if (code === 'EACCES' || code === 'EISDIR') return `file cannot be read (${code})`;
  const e = toAppError(error, 'PROVIDER_FAILED');
  return e.detail ?? e.message;
}

function toSignal(m: MediaBankMatch, version: string): Signal {
  const { score, tactic, how } = describeMatch(m);
  return {
    provider: 'media-bank',
    kind: 'bank-match',
    score,
    ...(m.entry.category !== undefined &&
      CATEGORIES.has(m.entry.category) && { category: m.entry.category as Category }),
    ...(m.entry.org !== undefined && { org: m.entry.org }),
    ...(tactic !== undefined && { tactic }),
    label: m.entry.signalType,
    evidence: [
      { type: 'entry', entry: m.entry.id, distance: m.distance, source: m.entry.bank },
      ...how.map((name) => ({ type: 'feature' as const, name, weight: 1 })),
    ],
    version,
  };
}

/** The same entry reached twice (two copies attached, or MD5 and SHA-256 of one file): keep the best. */
function dedupe(signals: Signal[]): Signal[] {
  const best = new Map<string, Signal>();
  for (const s of signals) {
    const e = s.evidence[0];
    const key = e?.type === 'entry' ? e.entry : JSON.stringify(s);
    const prior = best.get(key);
    if (prior === undefined || s.score > prior.score) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}
