import { invalidInput } from '../../../../core/index.js';
import type { TmkHash } from './tmk-format.js';
import {
  PDQF_ALGORITHM,
  PDQF_DIMENSION,
  POULLOT_PERIODS,
  poullotFourierCoefficients,
  TMK_FRAMES_PER_SECOND,
} from './tmk-params.js';

const f32 = Math.fround;

/** Kernel shape; the defaults are TMK+PDQF's, and only hashes of the same shape compare. */
export interface TmkAccumulatorOptions {
  algorithm?: string;
  framesPerSecond?: number;
  periods?: readonly number[];
  fourierCoefficients?: Float32Array;
  dimension?: number;
}

// Every helper below reproduces the reference's float32 arithmetic step by step (x86-64 SSE,
// no fused multiply-add): a float op is a double op rounded once to float, which Math.fround
// gives exactly. Keeping the order of operations is what makes our files bit-identical.

/** Float32 Euclidean norm, summing squares in order as the reference does. */
export function norm32(v: Float32Array, start = 0, length = v.length - start): number {
  let sum = 0;
  for (let k = start; k < start + length; k++) {
    const e = v[k]!;
    sum = f32(sum + f32(e * e));
  }
  return f32(Math.sqrt(sum));
}

/** Divides a slice by its float32 norm in place; all-zero slices stay zero. */
function normalize32(v: Float32Array, start: number, length: number): void {
  const norm = norm32(v, start, length);
  if (norm > 0) for (let k = start; k < start + length; k++) v[k] = f32(v[k]! / norm);
}

/**
 * Streams per-frame features into TMK's time-domain Fourier sums (Poullot's temporal match
 * kernel): for each period T and coefficient j, Σ_t f̂(t)·cos(2πjt/T) and Σ_t f̂(t)·sin(2πjt/T)
 * over L2-normalised frame features f̂, plus the plain mean of the raw features. Frame `t` is
 * the t-th ingested frame, so feed frames already resampled to `framesPerSecond`.
 */
export class TmkAccumulator {
  readonly #algorithm: string;
  readonly #framesPerSecond: number;
  readonly #periods: Int32Array;
  readonly #coefficients: Float32Array;
  readonly #dimension: number;
  readonly #sum: Float32Array;
  readonly #cos: Float32Array;
  readonly #sin: Float32Array;
  readonly #normalized: Float32Array;
  #count = 0;
  #finished = false;

  constructor(options: TmkAccumulatorOptions = {}) {
    this.#algorithm = options.algorithm ?? PDQF_ALGORITHM;
    this.#framesPerSecond = options.framesPerSecond ?? TMK_FRAMES_PER_SECOND;
    this.#periods = Int32Array.from(options.periods ?? POULLOT_PERIODS);
    this.#coefficients = options.fourierCoefficients?.slice() ?? poullotFourierCoefficients();
    this.#dimension = options.dimension ?? PDQF_DIMENSION;
    const size = this.#periods.length * this.#coefficients.length * this.#dimension;
    this.#sum = new Float32Array(this.#dimension);
    this.#cos = new Float32Array(size);
    this.#sin = new Float32Array(size);
    this.#normalized = new Float32Array(this.#dimension);
  }

  /** Frames ingested so far; also the time index the next frame gets. */
  get frameCount(): number {
    return this.#count;
  }

  /** Adds the next frame's feature (e.g. 256 PDQF floats). */
  ingest(feature: Float32Array): void {
    const d = this.#dimension;
    if (this.#finished) throw invalidInput('TMK accumulator is finished; start a new one');
    if (feature.length !== d) throw invalidInput(`frame feature has ${feature.length} values, expected ${d}`);
    const normalized = this.#normalized;
    normalized.set(feature);
    normalizeAndSum(normalized, this.#sum);
    const t = this.#count;
    const c = this.#coefficients.length;
    for (let i = 0; i < this.#periods.length; i++) {
      const period = this.#periods[i]!;
      const base = i * c * d;
      // j = 0 is the DC term: cos(0) = 1 and sin(0) = 0, added without a multiply.
      if (c > 0) for (let k = 0; k < d; k++) this.#cos[base + k] = f32(this.#cos[base + k]! + normalized[k]!);
      for (let j = 1; j < c; j++) {
        // Double precision phase, evaluated left to right like the reference: ((2π·j)·t)/T.
        const arg = (2.0 * Math.PI * j * t) / period;
        addScaled(this.#cos, base + j * d, normalized, Math.cos(arg));
        addScaled(this.#sin, base + j * d, normalized, Math.sin(arg));
      }
    }
    this.#count++;
  }

  /** Normalises the sums into the final hash; the accumulator cannot be used afterwards. */
  finish(): TmkHash {
    if (this.#finished) throw invalidInput('TMK accumulator is already finished');
    this.#finished = true;
    const d = this.#dimension;
    const c = this.#coefficients.length;
    if (this.#count > 0) {
      const count = this.#count;
      for (let k = 0; k < d; k++) this.#sum[k] = f32(this.#sum[k]! / count);
      for (let start = 0; start < this.#cos.length; start += d) {
        const weight = f32(Math.sqrt(this.#coefficients[(start / d) % c]!));
        finishFeature(this.#cos, start, d, weight);
        finishFeature(this.#sin, start, d, weight);
      }
    }
    return {
      algorithm: this.#algorithm,
      framesPerSecond: this.#framesPerSecond,
      frameFeatureCount: this.#count,
      periods: this.#periods,
      fourierCoefficients: this.#coefficients,
      pureAverageFeature: this.#sum,
      cosFeatures: this.#cos,
      sinFeatures: this.#sin,
    };
  }
}

/** Adds the raw feature to the running sum, then L2-normalises it in place. */
function normalizeAndSum(feature: Float32Array, sum: Float32Array): void {
  for (let k = 0; k < feature.length; k++) sum[k] = f32(sum[k]! + feature[k]!);
  normalize32(feature, 0, feature.length);
}

/**
 * target += feature · factor with product and sum in double, rounded once on store: the
 * reference adds a float times a double into a float.
 */
function addScaled(target: Float32Array, start: number, feature: Float32Array, factor: number): void {
  for (let k = 0; k < feature.length; k++) target[start + k] = target[start + k]! + feature[k]! * factor;
}

/** L2-normalise one feature then weight it by √a_j, so that a hash scored against itself gives 1. */
function finishFeature(v: Float32Array, start: number, length: number, weight: number): void {
  normalize32(v, start, length);
  for (let k = start; k < start + length; k++) v[k] = f32(v[k]! * weight);
}
