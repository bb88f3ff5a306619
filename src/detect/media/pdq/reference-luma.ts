import { checkPixelBuffer, isGreyPixels, lumaOf } from './luma.js';

/**
 * The reference tool (`pdq-photo-hasher`) shrinks anything larger than this on a side to exactly
 * this square before hashing: the Jarosz blur is slow on big images, and the aspect ratio is
 * not kept.
 */
export const REFERENCE_MAX_SIDE = 512;

/**
 * Source index of each output position for CImg's nearest-neighbour resize (its default), which
 * the reference tool uses: output x reads input ⌊x · in / out⌋.
 */
function nearestIndexes(inSize: number, outSize: number): Int32Array {
  const indexes = new Int32Array(outSize);
  for (let x = 0; x < outSize; x++) indexes[x] = Math.floor((x * inSize) / outSize);
  return indexes;
}

/**
 * Luma exactly as the C++ reference tool computes it from decoded pixels: images whose pixels
 * are all grey use the grey value (ImageMagick hands the tool a grey PGM for them), and images
 * over 512 px on a side are first resized to 512×512 nearest-neighbour. Returns the luma and the
 * size it was computed at.
 */
export function referenceLuma(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
): { luma: Float32Array; width: number; height: number } {
  checkPixelBuffer(pixels, width, height, channels);
  const grey = isGreyPixels(pixels, channels);
  const resized = width > REFERENCE_MAX_SIDE || height > REFERENCE_MAX_SIDE;
  const outWidth = resized ? REFERENCE_MAX_SIDE : width;
  const outHeight = resized ? REFERENCE_MAX_SIDE : height;
  const xs = nearestIndexes(width, outWidth);
  const ys = nearestIndexes(height, outHeight);
  const luma = new Float32Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    const rowStart = ys[y]! * width;
    for (let x = 0; x < outWidth; x++) {
      const p = (rowStart + xs[x]!) * channels;
      luma[y * outWidth + x] = grey ? pixels[p]! : lumaOf(pixels[p]!, pixels[p + 1]!, pixels[p + 2]!);
    }
  }
  return { luma, width: outWidth, height: outHeight };
}
