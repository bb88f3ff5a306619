import { decodeFrames } from '../../native/ffmpeg.js';
import { lumaFromRgb, pdqfFromLuma } from '../../pdq/index.js';
import { resolveVideoLimits, type VideoLimits } from '../video-limits.js';
import { TmkAccumulator } from './tmk-features.js';
import type { TmkHash } from './tmk-format.js';
import { TMK_FRAME_SIZE, TMK_FRAMES_PER_SECOND } from './tmk-params.js';

export interface HashVideoTmkOptions {
  /**
   * Bounds on the work; unset ones take the video defaults, except `maxFrames`, which defaults
   * to three hours at TMK's 15 frames a second.
   */
  limits?: Partial<VideoLimits>;
  signal?: AbortSignal;
}

/** Three hours of resampled frames; TMK needs every one, not a one-per-second sample. */
export const TMK_DEFAULT_MAX_FRAMES = 3 * 3600 * TMK_FRAMES_PER_SECOND;

/** The RGB → luma → PDQF step for one 64×64 frame, as Meta's PDQF frame hasher does it. */
export function pdqfOfFrame(pixels: Uint8Array): Float32Array {
  const luma = lumaFromRgb(pixels, TMK_FRAME_SIZE, TMK_FRAME_SIZE, 3);
  return pdqfFromLuma(luma, TMK_FRAME_SIZE, TMK_FRAME_SIZE).features;
}

/**
 * Hashes a video file to TMK+PDQF, the way Meta's `tmk-hash-video` does: ffmpeg resamples to 15
 * frames a second and scales to 64×64 RGB (bicubic, aspect not kept), each frame becomes a
 * 256-float PDQF feature, and the features are folded into the TMK Fourier sums. Throws
 * `INPUT_INVALID` for an undecodable file or one over a limit, `PROVIDER_FAILED` when ffmpeg is
 * missing or times out.
 * @example
 * const hash = await hashVideoTmk('clip.mp4');
 * await writeFile('clip.tmk', writeTmk(hash));
 */
export async function hashVideoTmk(path: string, options: HashVideoTmkOptions = {}): Promise<TmkHash> {
  const limits = resolveVideoLimits({ maxFrames: TMK_DEFAULT_MAX_FRAMES, ...options.limits });
  const accumulator = new TmkAccumulator();
  await decodeFrames(
    path,
    {
      width: TMK_FRAME_SIZE,
      height: TMK_FRAME_SIZE,
      sampling: { fps: TMK_FRAMES_PER_SECOND },
      // ffmpeg's `-s 64:64` scaler is bicubic; any other kernel gives other pixels.
      scaleFlags: 'bicubic',
      maxFrames: limits.maxFrames,
      maxInputBytes: limits.maxInputBytes,
      timeoutMs: limits.timeoutMs,
      ...(options.signal && { signal: options.signal }),
    },
    (frame) => accumulator.ingest(pdqfOfFrame(frame.pixels)),
  );
  return accumulator.finish();
}
