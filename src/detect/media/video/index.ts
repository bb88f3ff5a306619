/**
 * Video signals: vPDQ (PDQ of sampled frames, matched as bags of frame hashes, so clips match)
 * and the frame extraction under it. Decoding runs in ffmpeg through `../native/`; everything
 * here is pure TypeScript. TMK+PDQF lives in `./tmk/`.
 */

/** `forEachVideoFrame(path, options, onFrame)` → sampled RGB frames numbered like the reference. */
export {
  DEFAULT_FRAMES_PER_SECOND,
  EVERY_FRAME,
  type FrameOptions,
  type FramePlan,
  forEachVideoFrame,
  planFrames,
  type VideoFrame,
} from './frames.js';
/** `extractKeyFrames(path, { count, timeoutMs, maxInputBytes })` → a few spread-out frames as PNGs, for OCR. */
export { extractKeyFrames, type KeyFrame, type KeyFrameOptions } from './key-frames.js';
/** `DEFAULT_VIDEO_LIMITS` and `resolveVideoLimits(partial)`: size, frame, pixel and time bounds. */
export { DEFAULT_VIDEO_LIMITS, resolveVideoLimits, type VideoLimits } from './video-limits.js';
/** `hashVideo(path, options?)` → `VpdqFrame[]`, one a second by default, near-duplicates pruned. */
export { DEFAULT_PRUNE_DISTANCE, type HashVideoOptions, hashVideo } from './vpdq.js';
/** `formatVpdq(frames)` / `parseVpdq(text)`: the reference's `frame,quality,hash,timestamp` lines. */
export { formatVpdq, parseVpdq } from './vpdq-format.js';
export type { VpdqFrame } from './vpdq-frame.js';
/** `matchVpdq(query, target, { distance: 31, quality: 50 })` → both match percentages; `isVpdqMatch`. */
export {
  isVpdqMatch,
  matchVpdq,
  SAMPLED_QUERY_THRESHOLDS,
  VPDQ_DISTANCE,
  VPDQ_QUALITY,
  type VpdqMatchOptions,
  type VpdqMatchResult,
  type VpdqMatchThresholds,
} from './vpdq-match.js';
/** `pruneVpdq(frames, distance)`: drops frames within `distance` of the last kept one. */
export { pruneVpdq } from './vpdq-prune.js';
