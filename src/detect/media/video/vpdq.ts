import { lumaFromRgb, pdqFromLuma } from '../pdq/index.js';
import { type FrameOptions, forEachVideoFrame, type VideoFrame } from './frames.js';
import type { VpdqFrame } from './vpdq-frame.js';
import { pruneVpdq } from './vpdq-prune.js';

/**
 * vPDQ video hashing: sampled frames (frames.ts) → PDQ of each frame at the size decoded → the
 * list of frames, with runs of near-identical frames pruned for storage and matching speed.
 */

export interface HashVideoOptions extends FrameOptions {
  /**
   * Drop a frame within this Hamming distance of the last frame kept (default
   * DEFAULT_PRUNE_DISTANCE); -1 keeps every sampled frame, as the reference tools do.
   */
  pruneDistance?: number;
}

/**
 * Default pruning distance. A dropped frame is within 8 bits of a kept one, which leaves 23 of the
 * 31-bit match distance for re-encoding noise. On the TMK sample videos hashed every frame it
 * drops 10–25 % of frames of handheld footage and ~70 % of a mostly still one; every pruned
 * hash still matches its unpruned self 100 % both ways, and 1-frame-a-second queries find all
 * true variants in pruned every-frame hashes as well as in unpruned ones.
 */
export const DEFAULT_PRUNE_DISTANCE = 8;

// Frames under 5 pixels a side get the reference's empty hash, quality 0, from pdqFromLuma itself.
function hashFrame(frame: VideoFrame): VpdqFrame {
  const { width, height } = frame;
  const { hash, quality } = pdqFromLuma(lumaFromRgb(frame.pixels, width, height, 3), width, height);
  return { frame: frame.frame, quality, hash, timestamp: frame.timestamp };
}

/**
 * The vPDQ hash of a video file: one `VpdqFrame` per sampled frame (default one a second), in
 * order, pruned. Throws INPUT_INVALID for a file that is not a decodable video or is over a limit,
 * PROVIDER_FAILED when ffmpeg is missing or the time limit runs out.
 * @example formatVpdq(await hashVideo('clip.mp4')) // "0,100,e271…,0.000\n30,100,…,1.000\n…"
 */
export async function hashVideo(path: string, options: HashVideoOptions = {}): Promise<VpdqFrame[]> {
  const frames: VpdqFrame[] = [];
  await forEachVideoFrame(path, options, (frame) => {
    frames.push(hashFrame(frame));
  });
  return pruneVpdq(frames, options.pruneDistance ?? DEFAULT_PRUNE_DISTANCE);
}
