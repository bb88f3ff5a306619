import { invalidInput } from '../../../core/errors.js';
import { decodeFrames, probeVideo, type VideoProbe } from '../native/ffmpeg.js';
import { resolveVideoLimits, type VideoLimits } from './video-limits.js';

/**
 * Video → RGB frames for hashing, numbered and timed the way the vPDQ reference numbers them:
 * keep every nth decoded frame (n = frame rate ÷ frames per second, truncated, at least 1),
 * frame number = decoded-frame index, timestamp = frame number ÷ the stream's frame rate.
 */

/** `framesPerSecond` value that keeps every decoded frame (the reference's `-r 0`). */
export const EVERY_FRAME = Number.POSITIVE_INFINITY;

/**
 * One frame a second, python-threatexchange's default: cheap enough to scan every video. Sampling
 * loses frames between samples, so two sampled hashes of the same footage cut at a different
 * frame can miss each other; bank entries are best hashed with EVERY_FRAME (then pruned), and a
 * sampled query matched against them with a low `targetPercent` (see isVpdqMatch).
 */
export const DEFAULT_FRAMES_PER_SECOND = 1;

export interface FrameOptions {
  /** Frames sampled per second of video; default 1, `EVERY_FRAME` for all of them. */
  framesPerSecond?: number;
  /**
   * Scale every frame to N×N first (the reference's `-s N`, aspect not kept), by area averaging
   * as the current reference does. Default: native size. @NOTE the `-128x128` sample hashes
   * predate that and used Lanczos; ours stay within 16 bits of them a frame.
   */
  downsample?: number;
  limits?: Partial<VideoLimits>;
  signal?: AbortSignal;
}

export interface VideoFrame {
  frame: number;
  timestamp: number;
  width: number;
  height: number;
  /** Packed RGB, 3 bytes a pixel. */
  pixels: Uint8Array;
}

export interface FramePlan {
  probe: VideoProbe;
  everyNth: number;
  width: number;
  height: number;
}

function frameStep(frameRate: number, framesPerSecond: number): number {
  if (!(framesPerSecond > 0)) {
    throw invalidInput(`framesPerSecond must be above 0 (EVERY_FRAME for all), got ${framesPerSecond}`);
  }
  // The epsilon keeps 30 fps ÷ 1 at 30 rather than 29.999… → 29.
  return Math.max(1, Math.trunc(frameRate / framesPerSecond + 1e-9));
}

function frameSize(probe: VideoProbe, downsample: number | undefined, maxPixels: number): [number, number] {
  if (downsample !== undefined) {
    if (!Number.isInteger(downsample) || downsample < 1) {
      throw invalidInput(`downsample must be a positive whole number of pixels, got ${downsample}`, 'downsample');
    }
    return [downsample, downsample];
  }
  const pixels = probe.width * probe.height;
  if (pixels <= maxPixels) return [probe.width, probe.height];
  const scale = Math.sqrt(maxPixels / pixels);
  return [Math.max(1, Math.floor(probe.width * scale)), Math.max(1, Math.floor(probe.height * scale))];
}

/** The reference computes timestamps in float32; mirroring it keeps the written text identical. */
function timestampOf(frame: number, frameRate: number): number {
  const seconds = Math.fround(Math.fround(frame) / Math.fround(frameRate));
  return Number(seconds.toFixed(3));
}

/** Frame size and step for a probed video, before anything is decoded. */
export function planFrames(probe: VideoProbe, options: FrameOptions, limits: VideoLimits): FramePlan {
  const [width, height] = frameSize(probe, options.downsample, limits.maxFramePixels);
  const everyNth = frameStep(probe.frameRate, options.framesPerSecond ?? DEFAULT_FRAMES_PER_SECOND);
  return { probe, everyNth, width, height };
}

/**
 * Decodes `path` and calls `onFrame` for each sampled frame in order, waiting on its promise
 * before decoding on. All of it runs under `limits.timeoutMs`. Resolves with the plan used.
 */
export async function forEachVideoFrame(
  path: string,
  options: FrameOptions,
  onFrame: (frame: VideoFrame) => void | Promise<void>,
): Promise<FramePlan> {
  const limits = resolveVideoLimits(options.limits);
  const deadline = Date.now() + limits.timeoutMs;
  const signal = options.signal ? { signal: options.signal } : {};
  const probe = await probeVideo(path, { timeoutMs: limits.timeoutMs, maxInputBytes: limits.maxInputBytes, ...signal });
  const plan = planFrames(probe, options, limits);
  await decodeFrames(
    path,
    {
      width: plan.width,
      height: plan.height,
      sampling: { everyNth: plan.everyNth },
      maxFrames: limits.maxFrames,
      maxInputBytes: limits.maxInputBytes,
      timeoutMs: Math.max(1, deadline - Date.now()),
      ...signal,
    },
    (raw) => {
      const frame = raw.ordinal * plan.everyNth;
      const timestamp = timestampOf(frame, probe.frameRate);
      return onFrame({ frame, timestamp, width: raw.width, height: raw.height, pixels: raw.pixels });
    },
  );
  return plan;
}
