/**
 * Exact PDQ matching at bank scale: an in-memory multi-index-hashing index over 256-bit PDQ
 * hashes that returns exactly what a brute-force scan returns, for any radius, with distances.
 * A pure library: no storage, no I/O. The brute-force reference ships with it.
 */
export { bruteForceScan, bruteForceSearch } from './brute-force.js';
export { DEFAULT_CHUNKS } from './chunk-layout.js';
export {
  type PdqEntry,
  type PdqHit,
  PdqIndex,
  type PdqIndexMemory,
  type PdqIndexOptions,
  type PdqSegmentPlan,
} from './pdq-index.js';
export {
  hammingDistance,
  PDQ_BITS,
  PDQ_HEX_LENGTH,
  PDQ_MATCH_RADIUS,
  PDQ_WORDS,
  pdqHex,
  pdqWords,
  readPdqWords,
} from './pdq-words.js';
export { fillClustered, fillRandom, flipBits, type Random32, random32, randomHash } from './synthetic-hashes.js';
