import sharp from 'sharp';
import { invalidInput } from '../../../core/errors.js';
import { decodeFrames, probeVideo, type RgbFrame } from '../native/ffmpeg.js';

/**
 * A few frames of a video, spread over its length, as PNGs for OCR: the text a video shows
 * (title cards, captions burnt in, a channel's name in a corner) usually stays on screen for
 * seconds, so a handful of frames reads most of it at a fraction of the cost of every frame.
 *
 * The video is cut into `count` equal parts and the middle frame of each is taken: the very
 * first and last frames are often black fades. Frames that look like the one kept before them
 * (the same card held on screen) are dropped before any OCR is spent on them. Decoding stops as
 * soon as the last wanted frame has arrived.
 */
export interface KeyFrameOptions {
  /** Frames wanted, at most; default 3. */
  count?: number;
  /** Longest side of a frame handed out; larger frames are scaled down, aspect kept. */
  maxSide?: number;
  /** Wall clock for probing and decoding. */
  timeoutMs: number;
  /** Files above this are refused before ffmpeg opens them. */
  maxInputBytes: number;
}

export interface KeyFrame {
  /** Seconds into the video. */
  timestamp: number;
  png: Buffer;
}

const DEFAULT_COUNT = 3;
const DEFAULT_MAX_SIDE = 1920;
/** When the container states no duration, frames are looked for this many seconds apart. */
const UNKNOWN_DURATION_GAP_SECONDS = 2;
/** Side of the grey thumbnail two frames are compared on. */
const THUMB = 16;
/**
 * Two frames are the same picture when no cell of their thumbnails differs by this much grey
 * (0–255). The largest cell difference, not the mean: a caption appearing on a still background
 * changes a few cells a lot and the rest not at all, while compression noise moves every cell a
 * little.
 */
const SAME_PICTURE = 10;

/** Stops ffmpeg once enough frames are in; caught by identity, so never mistaken for a failure. */
const ENOUGH = new Error('enough key frames');

export async function extractKeyFrames(path: string, options: KeyFrameOptions): Promise<KeyFrame[]> {
  const count = options.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 1) throw invalidInput(`count must be a positive whole number, got ${count}`);
  const deadline = Date.now() + options.timeoutMs;
  const probe = await probeVideo(path, { timeoutMs: options.timeoutMs, maxInputBytes: options.maxInputBytes });
  const [width, height] = fitInside(probe.width, probe.height, options.maxSide ?? DEFAULT_MAX_SIDE);
  const seconds = probe.durationSeconds ?? count * UNKNOWN_DURATION_GAP_SECONDS;
  // Sampling twice as often as wanted and keeping the odd samples gives the middle of each part.
  const everyNth = Math.max(1, Math.round((probe.frameRate * seconds) / (2 * count)));
  const sampled: RgbFrame[] = [];
  try {
    await decodeFrames(
      path,
      {
        width,
        height,
        sampling: { everyNth },
        maxFrames: 2 * count + 1,
        maxInputBytes: options.maxInputBytes,
        timeoutMs: Math.max(1, deadline - Date.now()),
        scaleFlags: 'bicubic',
      },
      (frame) => {
        if (frame.ordinal % 2 === 1 || sampled.length === 0) sampled.push(frame);
        if (frame.ordinal >= 2 * count - 1) throw ENOUGH;
      },
    );
  } catch (error) {
    if (error !== ENOUGH) throw error;
  }
  // Ordinal 0 was kept only in case the video is too short for any middle frame.
  const middles = sampled.length > 1 ? sampled.filter((f) => f.ordinal % 2 === 1) : sampled;
  const kept = dropRepeats(middles.slice(0, count));
  return Promise.all(
    kept.map(async (frame) => ({
      timestamp: Math.round(((frame.ordinal * everyNth) / probe.frameRate) * 1000) / 1000,
      png: await sharp(frame.pixels, { raw: { width: frame.width, height: frame.height, channels: 3 } })
        .png({ compressionLevel: 1 })
        .toBuffer(),
    })),
  );
}

function fitInside(width: number, height: number, maxSide: number): [number, number] {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

function dropRepeats(frames: RgbFrame[]): RgbFrame[] {
  const kept: RgbFrame[] = [];
  let last: Float64Array | undefined;
  for (const frame of frames) {
    const thumb = greyThumbnail(frame);
    if (last !== undefined && largestDifference(last, thumb) < SAME_PICTURE) continue;
    kept.push(frame);
    last = thumb;
  }
  return kept;
}

/** Block means of the grey image on a THUMB×THUMB grid: enough to tell a new scene from a held one. */
function greyThumbnail({ width, height, pixels }: RgbFrame): Float64Array {
  const sums = new Float64Array(THUMB * THUMB);
  const counts = new Float64Array(THUMB * THUMB);
  for (let y = 0; y < height; y++) {
    const row = Math.min(THUMB - 1, Math.floor((y * THUMB) / height)) * THUMB;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const cell = row + Math.min(THUMB - 1, Math.floor((x * THUMB) / width));
      sums[cell] = (sums[cell] as number) + 0.299 * (pixels[i] as number) + 0.587 * (pixels[i + 1] as number);
      sums[cell] = (sums[cell] as number) + 0.114 * (pixels[i + 2] as number);
      counts[cell] = (counts[cell] as number) + 1;
    }
  }
  return sums.map((s, i) => s / Math.max(1, counts[i] as number));
}

function largestDifference(a: Float64Array, b: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs((a[i] as number) - (b[i] as number)));
  return largest;
}
