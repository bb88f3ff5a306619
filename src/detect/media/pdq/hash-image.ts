import { decodeImage, type ImageLimits } from '../decode.js';
import type { DihedralName } from './dihedral.js';
import { type PdqHash, pdqDihedralFromLuma, pdqFromLuma } from './hash-luma.js';
import { referenceLuma } from './reference-luma.js';

/**
 * Decodes and hashes an image the way Meta's `pdq-photo-hasher` does (no EXIF rotation, alpha
 * dropped, grey images by grey value, > 512 px resized to 512×512), so hashes of the same
 * pixels match the reference and hashes shared through ThreatExchange, HMA or TAT lists. Width
 * and height are the decoded image's, before that resize.
 */
export async function hashImage(
  input: Buffer | string,
  limits?: Partial<ImageLimits>,
): Promise<PdqHash & { width: number; height: number }> {
  const image = await decodeImage(input, limits);
  const prepared = referenceLuma(image.pixels, image.width, image.height, image.channels);
  return { ...pdqFromLuma(prepared.luma, prepared.width, prepared.height), width: image.width, height: image.height };
}

/** The eight rotation/mirror hashes of an image (as `pdq-photo-hasher --pdqdih`), from one decode. */
export async function hashImageDihedral(
  input: Buffer | string,
  limits?: Partial<ImageLimits>,
): Promise<{ quality: number; hashes: Record<DihedralName, string>; width: number; height: number }> {
  const image = await decodeImage(input, limits);
  const prepared = referenceLuma(image.pixels, image.width, image.height, image.channels);
  return {
    ...pdqDihedralFromLuma(prepared.luma, prepared.width, prepared.height),
    width: image.width,
    height: image.height,
  };
}
