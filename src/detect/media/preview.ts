import sharp from 'sharp';
import { type DecodedImage, decodeImage, type ImageLimits } from './decode.js';

/**
 * A small JPEG of an untrusted image for a reviewer's screen. The image goes through
 * `decodeImage` first, so the byte, pixel and time limits hold before anything is rendered, and
 * the preview is encoded from raw pixels: no EXIF, no ICC profile, no embedded thumbnail of the
 * original (which can differ from the picture) reaches the browser. EXIF rotation is therefore
 * not applied either; a reviewer may see a phone photo on its side, which is the honest pixels.
 */

export interface ImagePreview {
  bytes: Uint8Array;
  mime: 'image/jpeg';
  width: number;
  height: number;
}

/** Big enough to judge a picture on a laptop screen, small enough to keep thousands in a database. */
export const PREVIEW_MAX_SIDE = 640;

async function encode(image: DecodedImage, maxSide: number): Promise<ImagePreview> {
  const { data, info } = await sharp(Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.length), {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 2 | 3 | 4 },
  })
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    // Transparent areas become white rather than black: a black background can hide content.
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 72, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), mime: 'image/jpeg', width: info.width, height: info.height };
}

/** Rejects with decodeImage's AppError for anything it refuses; never returns a partial preview. */
export async function imagePreview(
  input: Buffer | string,
  limits: Partial<ImageLimits> = {},
  maxSide = PREVIEW_MAX_SIDE,
): Promise<ImagePreview> {
  return encode(await decodeImage(input, limits), maxSide);
}
