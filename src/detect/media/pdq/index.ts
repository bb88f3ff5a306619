/**
 * PDQ, Meta's perceptual image hash, bit-exact with the C++ reference on the same pixels.
 * `hashImage` decodes with limits and hashes as `pdq-photo-hasher` does; the `*FromLuma`
 * functions are the algorithm alone, for callers that already have pixels (video frames).
 */
export { DIHEDRAL_NAMES, type DihedralName } from './dihedral.js';
export { hashImage, hashImageDihedral } from './hash-image.js';
export { type PdqHash, pdqDihedralFromLuma, pdqFromLuma, pdqfFromLuma } from './hash-luma.js';
export { pdqHammingDistance, pdqHashNorm } from './hex.js';
export { lumaFromRgb } from './luma.js';
export { REFERENCE_MAX_SIDE, referenceLuma } from './reference-luma.js';
