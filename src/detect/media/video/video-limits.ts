import { invalidInput } from '../../../core/errors.js';

/**
 * Bounds on the work one video may cause. Each has a default sized for messaging-app uploads;
 * a video over a bound fails with a clear error rather than being cut short or hanging a worker.
 */
export interface VideoLimits {
  /** Largest file accepted, in bytes (default 2 GiB, Telegram's upload cap). */
  maxInputBytes: number;
  /** Most frames sampled for hashing (default 10,800: three hours at one frame a second). */
  maxFrames: number;
  /**
   * Largest frame hashed, in pixels (default 3840×2160). Bigger frames are scaled down, aspect
   * kept, instead of refused: PDQ reduces every frame to 64×64 anyway, so the hash barely moves.
   */
  maxFramePixels: number;
  /** Wall clock for probing, decoding and hashing one video (default 10 minutes). */
  timeoutMs: number;
}

export const DEFAULT_VIDEO_LIMITS: Readonly<VideoLimits> = Object.freeze({
  maxInputBytes: 2 * 1024 ** 3,
  maxFrames: 10_800,
  maxFramePixels: 3840 * 2160,
  timeoutMs: 10 * 60_000,
});

/** The defaults overlaid with `overrides`; each value must be a positive number. */
export function resolveVideoLimits(overrides: Partial<VideoLimits> = {}): VideoLimits {
  const limits = { ...DEFAULT_VIDEO_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !(value > 0)) {
      throw invalidInput(`limits.${key} must be a positive number, got ${String(value)}`, `limits.${key}`);
    }
  }
  return limits;
}
