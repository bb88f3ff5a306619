/**
 * Media detection: decoding with limits and perceptual hashes. Other rooms import media
 * detection from here only.
 */

// Images: decoding with limits, PDQ.
export { DEFAULT_IMAGE_LIMITS, type DecodedImage, decodeImage, type ImageLimits } from './decode.js';
export {
  DIHEDRAL_NAMES,
  type DihedralName,
  hashImage,
  hashImageDihedral,
  lumaFromRgb,
  type PdqHash,
  pdqDihedralFromLuma,
  pdqFromLuma,
  pdqfFromLuma,
  pdqHammingDistance,
  pdqHashNorm,
} from './pdq/index.js';
