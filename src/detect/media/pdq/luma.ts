import { invalidInput } from '../../../core/errors.js';

/**
 * The reference stores its luma weights as C++ `float` constants, so the weights themselves are
 * already rounded to float32; using the double literals would move some pixels by one ulp and,
 * on flat images, flip hash bits.
 */
const R_WEIGHT = Math.fround(0.299);
const G_WEIGHT = Math.fround(0.587);
const B_WEIGHT = Math.fround(0.114);

/** One luma value of an RGB pixel, with every product and sum rounded to float32 as in C++. */
export function lumaOf(r: number, g: number, b: number): number {
  return Math.fround(Math.fround(Math.fround(R_WEIGHT * r) + Math.fround(G_WEIGHT * g)) + Math.fround(B_WEIGHT * b));
}

export function checkPixelBuffer(pixels: Uint8Array, width: number, height: number, channels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw invalidInput(`image size ${width}×${height} is not a positive whole size; pass the decoded width and height`);
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > 4) {
    throw invalidInput(`image has ${channels} channels; pass 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA)`);
  }
  if (pixels.length !== width * height * channels) {
    throw invalidInput(
      `pixel buffer holds ${pixels.length} bytes but ${width}×${height}×${channels} needs ${width * height * channels}; pass interleaved 8-bit pixels`,
    );
  }
}

/**
 * Float32 luma of interleaved 8-bit pixels, row-major. Grey images (1–2 channels) use the grey
 * value itself, as the reference does for greyscale input; alpha is dropped, not composited,
 * because the reference tool reads images through a PNM that has no alpha.
 */
export function lumaFromRgb(pixels: Uint8Array, width: number, height: number, channels: number): Float32Array {
  checkPixelBuffer(pixels, width, height, channels);
  const n = width * height;
  const luma = new Float32Array(n);
  if (channels <= 2) {
    for (let i = 0, p = 0; i < n; i++, p += channels) luma[i] = pixels[p]!;
    return luma;
  }
  for (let i = 0, p = 0; i < n; i++, p += channels) luma[i] = lumaOf(pixels[p]!, pixels[p + 1]!, pixels[p + 2]!);
  return luma;
}

/**
 * True when every pixel has R = G = B. ImageMagick, which the reference tool decodes through,
 * writes such images as a grey PGM, so the reference then takes the grey value and not the
 * weighted sum (which differs from it in the last float bits).
 */
export function isGreyPixels(pixels: Uint8Array, channels: number): boolean {
  if (channels <= 2) return true;
  for (let p = 0; p < pixels.length; p += channels) {
    const r = pixels[p]!;
    if (r !== pixels[p + 1] || r !== pixels[p + 2]) return false;
  }
  return true;
}
