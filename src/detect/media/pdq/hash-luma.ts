import { invalidInput } from '../../../core/errors.js';
import { dct64To16 } from './dct.js';
import { DIHEDRAL_NAMES, type DihedralName, dihedralDct } from './dihedral.js';
import { hashHexFromDct, ZERO_HASH } from './hex.js';
import { decimate, jaroszFilter, jaroszWindowSize } from './jarosz-filter.js';
import { pdqQuality } from './quality.js';

export interface PdqHash {
  /** 64 lowercase hex digits, in the reference's word order (word 15 first). */
  hash: string;
  /** 0..100; below 50 the hash is too unreliable to match on. */
  quality: number;
}

/** Below this many pixels on a side there is no picture to hash: the reference gives all zeros. */
const MIN_HASHABLE_SIDE = 5;
/** Two blur rounds turn the box filter into a tent filter. */
const JAROSZ_PASSES = 2;

function checkLuma(luma: Float32Array, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw invalidInput(`luma size ${width}×${height} is not a positive whole size; pass the image width and height`);
  }
  if (luma.length !== width * height) {
    throw invalidInput(
      `luma holds ${luma.length} values but ${width}×${height} needs ${width * height}; pass one float per pixel, row-major`,
    );
  }
}

function downsample64(luma: Float32Array, width: number, height: number): Float32Array {
  const blurred = jaroszFilter(
    luma,
    height,
    width,
    jaroszWindowSize(width, 64),
    jaroszWindowSize(height, 64),
    JAROSZ_PASSES,
  );
  return decimate(blurred, height, width, 64, 64);
}

/**
 * The 16×16 DCT block and quality, before thresholding. A 64×64 input is taken as already
 * downsampled (video frames scaled by ffmpeg) and not blurred again, as in the reference.
 */
export function pdqfFromLuma(
  luma: Float32Array,
  width: number,
  height: number,
): { features: Float32Array; quality: number } {
  checkLuma(luma, width, height);
  const block = width === 64 && height === 64 ? Float32Array.from(luma) : downsample64(luma, width, height);
  return { features: dct64To16(block), quality: pdqQuality(block) };
}

export function pdqFromLuma(luma: Float32Array, width: number, height: number): PdqHash {
  checkLuma(luma, width, height);
  if (width < MIN_HASHABLE_SIDE || height < MIN_HASHABLE_SIDE) return { hash: ZERO_HASH, quality: 0 };
  const { features, quality } = pdqfFromLuma(luma, width, height);
  return { hash: hashHexFromDct(features), quality };
}

/**
 * All eight dihedral hashes from one downsample. Unlike `pdqFromLuma` the reference always blurs
 * here, even a 64×64 input, so the two can differ on such inputs; we keep that difference.
 */
export function pdqDihedralFromLuma(
  luma: Float32Array,
  width: number,
  height: number,
): { quality: number; hashes: Record<DihedralName, string> } {
  checkLuma(luma, width, height);
  const hashes = {} as Record<DihedralName, string>;
  if (width < MIN_HASHABLE_SIDE || height < MIN_HASHABLE_SIDE) {
    for (const name of DIHEDRAL_NAMES) hashes[name] = ZERO_HASH;
    return { quality: 0, hashes };
  }
  const block = downsample64(luma, width, height);
  const dct = dct64To16(block);
  for (const name of DIHEDRAL_NAMES) hashes[name] = hashHexFromDct(name === 'orig' ? dct : dihedralDct(dct, name));
  return { quality: pdqQuality(block), hashes };
}
