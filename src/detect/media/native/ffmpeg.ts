import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, invalidInput } from '../../../core/errors.js';
import { type ProcessResult, runProcess } from './run-process.js';

/**
 * The only place that runs ffmpeg and ffprobe (Debian ffmpeg 5.1). Inputs are opened through the
 * `file:` protocol with every other protocol refused, so a crafted playlist or a name such as
 * `-i` or `http://…` can neither reach the network nor be read as an option.
 */

export interface VideoProbe {
  width: number;
  height: number;
  /** avg_frame_rate, else r_frame_rate, like the vPDQ reference uses for timestamps. */
  frameRate: number;
  durationSeconds: number | null;
  codec: string;
}

export interface ProbeOptions {
  timeoutMs: number;
  maxInputBytes: number;
  signal?: AbortSignal;
}

/** Which decoded frames to keep. */
export type FrameSampling =
  /** Every nth decoded frame counting from 0 (vPDQ: frame numbers stay the decoder's). */
  | { everyNth: number }
  /** Resampled to a constant rate by ffmpeg's `-r` (TMK: duplicates or drops frames). */
  | { fps: number };

export interface DecodeFramesOptions extends ProbeOptions {
  /** Output size; frames are scaled (or only converted) to it, ignoring aspect ratio. */
  width: number;
  height: number;
  sampling: FrameSampling;
  /** More sampled frames than this fails the call with INPUT_INVALID (never a silent cut). */
  maxFrames: number;
  /** swscale method; default 'area' (the vPDQ reference's) for everyNth, 'bicubic' (ffmpeg's, TMK's) for fps. */
  scaleFlags?: 'area' | 'bicubic' | 'bilinear';
}

/** One decoded frame: packed RGB, 3 bytes a pixel, rows top to bottom, no padding. */
export interface RgbFrame {
  /** 0-based position among the *sampled* frames. */
  ordinal: number;
  width: number;
  height: number;
  pixels: Uint8Array;
}

const MAX_PROBE_OUTPUT = 256 * 1024;
const MAX_DIMENSION = 16_384;
const FFPROBE = 'ffprobe';
const FFMPEG = 'ffmpeg';
const INPUT_FLAGS = ['-protocol_whitelist', 'file'];

async function checkInput(path: string, maxInputBytes: number): Promise<string> {
  const absolute = resolve(path);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw invalidInput(`${path} is not a regular file`, path);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('MEDIA_MISSING', { detail: `${path} does not exist`, pointer: path });
    throw new AppError('SOURCE_UNREADABLE', {
      detail: `${path} cannot be read (${code})`,
      pointer: path,
      cause: error,
    });
  }
  if (size > maxInputBytes) {
    throw invalidInput(`${path} is ${size} bytes, over the limit of ${maxInputBytes} (limits.maxInputBytes)`, path);
  }
  return `file:${absolute}`;
}

/** The last few lines of a tool's stderr: enough to say why, short enough for an error detail. */
function stderrTail(stderr: string): string {
  const lines = stderr.trim().split('\n').filter(Boolean);
  return lines.slice(-3).join(' | ').slice(0, 500) || 'no message';
}

function parseRate(rate: unknown): number {
  if (typeof rate !== 'string') return 0;
  const [num, den] = rate.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num)) return 0;
  const value = den === undefined ? num : num / den;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function parseProbe(path: string, result: ProcessResult): VideoProbe {
  if (result.code !== 0) throw invalidInput(`${path} is not a readable video: ${stderrTail(result.stderr)}`, path);
  let json: { streams?: Record<string, unknown>[]; format?: Record<string, unknown> };
  try {
    json = JSON.parse(result.stdout.toString('utf8'));
  } catch {
    throw new AppError('PROVIDER_FAILED', { detail: `ffprobe gave unreadable output for ${path}`, retryable: false });
  }
  const stream = json.streams?.[0];
  if (!stream) throw invalidInput(`${path} has no video stream`, path);
  const width = Number(stream.width);
  const height = Number(stream.height);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw invalidInput(`${path} has a video stream without a frame size`, path);
  }
  const frameRate = parseRate(stream.avg_frame_rate) || parseRate(stream.r_frame_rate);
  if (frameRate === 0) throw invalidInput(`${path} has a video stream without a frame rate`, path);
  const duration = Number(json.format?.duration);
  return {
    width,
    height,
    frameRate,
    durationSeconds: Number.isFinite(duration) && duration >= 0 ? duration : null,
    codec: typeof stream.codec_name === 'string' ? stream.codec_name : 'unknown',
  };
}

/** Size, frame rate and codec of the first video stream; INPUT_INVALID when there is none. */
export async function probeVideo(path: string, options: ProbeOptions): Promise<VideoProbe> {
  const url = await checkInput(path, options.maxInputBytes);
  const args = [
    ...['-v', 'error', ...INPUT_FLAGS, '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=width,height,avg_frame_rate,r_frame_rate,codec_name:format=duration'],
    ...['-of', 'json', url],
  ];
  const result = await runProcess(FFPROBE, args, {
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: MAX_PROBE_OUTPUT,
    ...(options.signal && { signal: options.signal }),
  });
  return parseProbe(path, result);
}

function checkDecodeOptions(options: DecodeFramesOptions): void {
  const { width, height, sampling, maxFrames } = options;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_DIMENSION) {
      throw invalidInput(`${name} must be an integer from 1 to ${MAX_DIMENSION}, got ${value}`, name);
    }
  }
  if (!Number.isInteger(maxFrames) || maxFrames < 1) throw invalidInput('maxFrames must be a positive integer');
  const step = 'everyNth' in sampling ? sampling.everyNth : sampling.fps;
  const ok = 'everyNth' in sampling ? Number.isInteger(step) && step >= 1 : Number.isFinite(step) && step > 0;
  if (!ok) throw invalidInput(`sampling ${JSON.stringify(sampling)} is not a positive frame step or rate`);
}

function outputShapeArgs(options: DecodeFramesOptions): string[] {
  const { width, height, sampling } = options;
  if ('fps' in sampling) {
    // Exactly tmk-hash-video's form (`-s W:H … -r N`, no filter graph): ffmpeg 5.1 ends a clip one
    // frame differently once a -vf is present, and TMK features must match the reference's.
    const flags = options.scaleFlags ?? 'bicubic';
    return ['-s', `${width}:${height}`, '-sws_flags', flags, '-r', String(sampling.fps)];
  }
  const filters: string[] = [];
  if (sampling.everyNth > 1) filters.push(`select=not(mod(n\\,${sampling.everyNth}))`);
  // One swscale context does both resize and YUV→RGB, as in the vPDQ reference. Its matrix is
  // pinned to BT.601: the reference never reads the stream's colour tags, and hashes must agree.
  filters.push(`scale=${width}:${height}:flags=${options.scaleFlags ?? 'area'}:in_color_matrix=bt601`);
  return ['-vf', filters.join(','), '-fps_mode', 'passthrough'];
}

function decodeArgs(url: string, options: DecodeFramesOptions): string[] {
  // The vPDQ reference decodes the first video stream as stored; tmk-hash-video lets the ffmpeg
  // CLI pick the stream and apply rotation metadata. Each mode follows its own reference.
  // -cpuflags 0: swscale's SIMD YUV→RGB differs from its C code in the last bit of some pixels,
  // and differs by CPU. The C arithmetic is the same on every host and reproduces 13 of the 14
  // vPDQ sample hash files bit for bit (the 14th was made with x86 SIMD: ≤4 bits off a frame);
  // it costs about 1.7× decoding time.
  const asStored = 'everyNth' in options.sampling ? ['-cpuflags', '0', '-noautorotate'] : [];
  const stream = 'everyNth' in options.sampling ? ['-map', '0:v:0'] : [];
  return [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error', ...INPUT_FLAGS, ...asStored, '-i', url],
    ...[...stream, '-an', '-sn', '-dn', ...outputShapeArgs(options)],
    // One frame past the cap is how we tell "exactly at the cap" from "over it".
    ...['-frames:v', String(options.maxFrames + 1), '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
  ];
}

/** Cuts ffmpeg's byte stream into whole frames. */
class FrameCutter {
  private current: Uint8Array;
  private filled = 0;
  count = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.current = new Uint8Array(width * height * 3);
  }

  get partial(): boolean {
    return this.filled > 0;
  }

  /** Whole frames completed by this chunk, in order. */
  cut(chunk: Buffer): RgbFrame[] {
    const done: RgbFrame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(chunk.length - offset, this.current.length - this.filled);
      this.current.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.current.length) {
        done.push({ ordinal: this.count++, width: this.width, height: this.height, pixels: this.current });
        this.current = new Uint8Array(this.current.length);
        this.filled = 0;
      }
    }
    return done;
  }
}

function tooManyFrames(path: string, maxFrames: number): AppError {
  return invalidInput(
    `${path} has more than ${maxFrames} sampled frames (limits.maxFrames); sample fewer frames per second or raise the limit`,
    path,
  );
}

/**
 * Decodes the first video stream to RGB frames and hands them to `onFrame` one by one, in order;
 * ffmpeg waits while `onFrame`'s promise is pending, so memory stays at about one frame. Resolves
 * with the number of frames. Throws INPUT_INVALID when the file is not a decodable video or is over
 * a limit, PROVIDER_FAILED when ffmpeg is missing or times out (its process group is then killed).
 */
export async function decodeFrames(
  path: string,
  options: DecodeFramesOptions,
  onFrame: (frame: RgbFrame) => void | Promise<void>,
): Promise<number> {
  checkDecodeOptions(options);
  const url = await checkInput(path, options.maxInputBytes);
  const cutter = new FrameCutter(options.width, options.height);
  const frameBytes = options.width * options.height * 3;
  const result = await runProcess(FFMPEG, decodeArgs(url, options), {
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: (options.maxFrames + 1) * frameBytes,
    ...(options.signal && { signal: options.signal }),
    onStdout: async (chunk) => {
      for (const frame of cutter.cut(chunk)) {
        if (frame.ordinal >= options.maxFrames) throw tooManyFrames(path, options.maxFrames);
        await onFrame(frame);
      }
    },
  });
  if (result.code !== 0) throw invalidInput(`${path} cannot be decoded: ${stderrTail(result.stderr)}`, path);
  if (cutter.partial) throw invalidInput(`${path}: ffmpeg ended inside a frame`, path);
  if (cutter.count === 0) throw invalidInput(`${path} has no decodable video frames`, path);
  return cutter.count;
}
