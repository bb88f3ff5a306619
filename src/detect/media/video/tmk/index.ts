/**
 * TMK+PDQF, Meta's whole-video hash: per-frame PDQF features folded into temporal Fourier sums
 * (Poullot's temporal match kernel), stored as a fixed 256 KiB `.tmk` file. Files we write are
 * byte-identical to Meta's `tmk-hash-video` on the same video and ffmpeg, and our scores equal
 * its `tmk-two-level-score` to the last float bit. Good for near-identical whole videos; weak
 * for short clips cut out of longer ones.
 */

/**
 * Streaming fold of per-frame features into a `TmkHash`, for callers that already decode
 * frames (resampled to 15 fps) for something else.
 */
export { TmkAccumulator, type TmkAccumulatorOptions } from './tmk-features.js';
/** `readTmk(bytes)` / `writeTmk(hash)`: the `.tmk` binary format (TMK1/FVEC, little-endian). */
export { readTmk, type TmkHash, writeTmk } from './tmk-format.js';

/** The fixed TMK+PDQF parameters: frame rate, frame size, feature size, periods. */
export {
  PDQF_ALGORITHM,
  PDQF_DIMENSION,
  POULLOT_PERIODS,
  poullotFourierCoefficients,
  TMK_FRAME_SIZE,
  TMK_FRAMES_PER_SECOND,
} from './tmk-params.js';

/**
 * `tmkScores(a, b)` gives level 1 (cosine of the mean features, cheap) and level 2 (temporal
 * kernel, best time offset). Meta's thresholds are 0.7 for both; use the level-1 function alone
 * to skip level 2 for clearly different videos.
 */
export {
  TMK_DEFAULT_THRESHOLDS,
  type TmkScores,
  tmkIncompatibility,
  tmkLevel1Score,
  tmkLevel2Score,
  tmkScores,
} from './tmk-score.js';
/**
 * `serializeTmk(hash)` / `parseTmkText(text)`: a bank value, the base64 of the `.tmk` bytes
 * (351,128 characters for TMK+PDQF).
 */
export { parseTmkText, serializeTmk } from './tmk-text.js';
/**
 * `hashVideoTmk(path, { limits, signal })`: video file → `TmkHash` through ffmpeg, with size,
 * frame-count and time limits.
 */
export { type HashVideoTmkOptions, hashVideoTmk, pdqfOfFrame, TMK_DEFAULT_MAX_FRAMES } from './tmk-video.js';
