/**
 * Decoding untrusted images to raw 8-bit pixels, with limits checked before any pixel is
 * decompressed: a byte cap, a pixel cap read from the header (decompression bombs declare their
 * size there), a time limit, and libvips told to fail on corrupt or truncated data.
 *
 * Pixels come back exactly as stored: no EXIF rotation, no ICC colour conversion, alpha kept,
 * so hashes computed from them match reference tools that also ignore those.
 */
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import { AppError, isAppError } from '../../core/errors.js';
import { withinTime } from '../../core/within-time.js';

export interface ImageLimits {
  /** Largest encoded file accepted, checked before decoding. */
  maxBytes: number;
  /** Largest width × height accepted, read from the header before decompressing. */
  maxPixels: number;
  /** Longest a decode may take, header to last pixel. */
  timeoutMs: number;
}

/**
 * 50 MiB covers any photo a messaging platform delivers; 50 megapixels covers phone cameras
 * (a 12 MP photo is 4032×3024) while bounding the decoded buffer to 200 MB at 4 channels.
 */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxPixels: 50_000_000,
  timeoutMs: 15_000,
});

export interface DecodedImage {
  /** Interleaved 8-bit samples, row-major, `channels` per pixel. */
  pixels: Uint8Array;
  width: number;
  height: number;
  /** 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
}

/**
 * Raster formats only: SVG and PDF are programs that render at a size they choose, and their
 * loaders can reach other files.
 */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif']);
const ACCEPTED_LIST = 'JPEG, PNG, WebP, GIF, TIFF, HEIF or AVIF';

function reject(detail: string, pointer: string): AppError {
  return new AppError('INPUT_INVALID', { detail, pointer });
}

function checkLimits(limits: ImageLimits): void {
  for (const key of ['maxBytes', 'maxPixels', 'timeoutMs'] as const) {
    const value = limits[key];
    if (!Number.isFinite(value) || value <= 0) {
      throw reject(`image limit ${key} is ${value}; set it to a positive number`, key);
    }
  }
}

async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new AppError('MEDIA_MISSING', { detail: `no image file at ${path}; check the path`, pointer: path });
    }
    throw new AppError('INPUT_INVALID', {
      detail: `image file ${path} cannot be opened (${code ?? 'error'}); check its permissions`,
      pointer: path,
      cause: error,
    });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw reject(`${path} is not a regular file; pass an image file`, path);
    if (stat.size > maxBytes) throw tooManyBytes(stat.size, maxBytes, path);
    const bytes = await handle.readFile();
    // The file may have grown since stat; the cap is on what we actually hold.
    if (bytes.length > maxBytes) throw tooManyBytes(bytes.length, maxBytes, path);
    return bytes;
  } finally {
    await handle.close();
  }
}

function tooManyBytes(size: number, maxBytes: number, pointer: string): AppError {
  return reject(
    `image is ${size} bytes, over the ${maxBytes}-byte limit; skip it or raise maxBytes if such files are expected`,
    pointer,
  );
}

async function decodeBytes(bytes: Buffer, limits: ImageLimits, pointer: string): Promise<DecodedImage> {
  if (bytes.length === 0) throw reject('image is empty (0 bytes); pass the whole file', pointer);
  if (bytes.length > limits.maxBytes) throw tooManyBytes(bytes.length, limits.maxBytes, pointer);
  const options = {
    limitInputPixels: Math.floor(limits.maxPixels),
    // 'error' also covers truncation; libjpeg's mere warnings are common in re-encoded photos
    // that every viewer shows, and the pixel cap and time limit already bound the cost.
    failOn: 'error',
    ignoreIcc: true,
    autoOrient: false,
    sequentialRead: true,
  } as const;
  // Header only, so no pixel cap here: we check the declared size ourselves to say what it is.
  const meta = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  if (!ACCEPTED_FORMATS.has(meta.format)) {
    throw reject(`image format "${meta.format}" is not accepted; pass a ${ACCEPTED_LIST} image`, pointer);
  }
  const declared = meta.width * meta.height;
  if (!(declared > 0)) throw reject('image header declares no size; the file is corrupt', pointer);
  if (declared > limits.maxPixels) {
    throw reject(
      `image declares ${meta.width}×${meta.height} = ${declared} pixels, over the ${limits.maxPixels}-pixel limit (a decompression bomb or a huge scan); skip it or raise maxPixels`,
      pointer,
    );
  }
  const { data, info } = await sharp(bytes, options)
    .timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return {
    pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: info.channels,
  };
}

/**
 * Decodes an image (bytes, or a path to a file) to raw 8-bit pixels. Every failure — unreadable,
 * corrupt, truncated, unsupported, over a limit, too slow — rejects with an `AppError`
 * (`INPUT_INVALID`, or `MEDIA_MISSING` for a path with no file) whose pointer is the path or
 * `"input"`; nothing throws past it and nothing hangs past `timeoutMs`.
 */
export async function decodeImage(input: Buffer | string, limits: Partial<ImageLimits> = {}): Promise<DecodedImage> {
  const effective: ImageLimits = { ...DEFAULT_IMAGE_LIMITS };
  // An explicit `undefined` means "the default", as it would for a missing key.
  for (const key of ['maxBytes', 'maxPixels', 'timeoutMs'] as const) {
    const value = limits[key];
    if (value !== undefined) effective[key] = value;
  }
  checkLimits(effective);
  const pointer = typeof input === 'string' ? input : 'input';
  const work = (async () => {
    const bytes = typeof input === 'string' ? await readCapped(input, effective.maxBytes) : input;
    return decodeBytes(bytes, effective, pointer);
  })();
  try {
    // libvips cannot be interrupted mid-call: the decode is left to finish, its result unused.
    return await withinTime(work, effective.timeoutMs, () =>
      reject(
        `decoding took longer than ${effective.timeoutMs} ms; the image is too complex or corrupt — skip it or raise timeoutMs`,
        pointer,
      ),
    );
  } catch (error) {
    if (isAppError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('INPUT_INVALID', {
      detail: `image cannot be decoded (${message.split('\n')[0]}); check it is a complete ${ACCEPTED_LIST} file`,
      pointer,
      cause: error,
    });
  }
}
