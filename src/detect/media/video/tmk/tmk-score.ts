import { invalidInput } from '../../../../core/index.js';
import { norm32 } from './tmk-features.js';
import type { TmkHash } from './tmk-format.js';

const f32 = Math.fround;

/** Meta's validated thresholds for TMK+PDQF: both scores ≥ 0.7 is a match. */
export const TMK_DEFAULT_THRESHOLDS = { level1: 0.7, level2: 0.7 } as const;

/** Both TMK scores of a pair: level 1 in −1..1, level 2 in 0..1 (1 for identical hashes). */
export interface TmkScores {
  level1: number;
  level2: number;
}

// Meta's own tolerance for "same coefficients" across separately built tables.
const COEFFICIENT_RELATIVE_TOLERANCE = 1e-6;

/**
 * Why two hashes cannot be compared (different algorithm, frame rate, periods, coefficients or
 * dimension), or `undefined` when they can.
 */
export function tmkIncompatibility(a: TmkHash, b: TmkHash): string | undefined {
  if (a.algorithm !== b.algorithm) return `algorithm ${a.algorithm} ≠ ${b.algorithm}`;
  if (a.framesPerSecond !== b.framesPerSecond) return `frame rate ${a.framesPerSecond} ≠ ${b.framesPerSecond}`;
  if (a.periods.join() !== b.periods.join()) return `periods ${a.periods.join()} ≠ ${b.periods.join()}`;
  if (a.fourierCoefficients.length !== b.fourierCoefficients.length) return 'Fourier coefficient counts differ';
  for (let j = 0; j < a.fourierCoefficients.length; j++) {
    const ca = a.fourierCoefficients[j]!;
    const cb = b.fourierCoefficients[j]!;
    const m = Math.max(Math.abs(ca), Math.abs(cb));
    if (m > 0 && Math.abs((ca - cb) / m) > COEFFICIENT_RELATIVE_TOLERANCE) return `Fourier coefficient ${j} differs`;
  }
  if (a.pureAverageFeature.length !== b.pureAverageFeature.length) return 'frame-feature dimensions differ';
  return undefined;
}

/** Float32 dot product of two equal-length slices, summed in order. */
function dot32(u: Float32Array, uStart: number, v: Float32Array, vStart: number, length: number): number {
  let sum = 0;
  for (let k = 0; k < length; k++) sum = f32(sum + f32(u[uStart + k]! * v[vStart + k]!));
  return sum;
}

/**
 * Level 1: cosine similarity of the two pure-average features. Cheap; use it to skip level 2
 * when it is already below threshold. A zero feature scores 0 (the reference divides by zero).
 */
export function tmkLevel1Score(a: TmkHash, b: TmkHash): number {
  const u = a.pureAverageFeature;
  const v = b.pureAverageFeature;
  const nu = norm32(u);
  const nv = norm32(v);
  if (nu === 0 || nv === 0) return 0;
  return f32(dot32(u, 0, v, 0, u.length) / f32(nu * nv));
}

/**
 * Per-coefficient dot products of one period's features. With them the kernel at offset δ is
 * K(δ) = cc₀ + Σ_{j≥1} cos(jδ)(ccⱼ + ssⱼ) + sin(jδ)(scⱼ − csⱼ), so each offset costs C terms
 * instead of C dot products.
 */
interface PeriodDots {
  cosCos: Float32Array;
  sinSin: Float32Array;
  sinCos: Float32Array;
  cosSin: Float32Array;
}

function periodDots(a: TmkHash, b: TmkHash, period: number): PeriodDots {
  const c = a.fourierCoefficients.length;
  const d = a.pureAverageFeature.length;
  const dots: PeriodDots = {
    cosCos: new Float32Array(c),
    sinSin: new Float32Array(c),
    sinCos: new Float32Array(c),
    cosSin: new Float32Array(c),
  };
  for (let j = 0; j < c; j++) {
    const at = (period * c + j) * d;
    dots.cosCos[j] = dot32(a.cosFeatures, at, b.cosFeatures, at, d);
    dots.sinSin[j] = dot32(a.sinFeatures, at, b.sinFeatures, at, d);
    dots.sinCos[j] = dot32(a.sinFeatures, at, b.cosFeatures, at, d);
    dots.cosSin[j] = dot32(a.cosFeatures, at, b.sinFeatures, at, d);
  }
  return dots;
}

/**
 * Best kernel value over all offsets 0..T−1 of one period. cos(jδ) and sin(jδ) come from the
 * angle-addition recurrence (with the half-angle form to limit drift) instead of 31 trig calls
 * per offset, in float32 like the reference, so scores agree to the last bit.
 */
function bestKernelValue(dots: PeriodDots, period: number): number {
  const c = dots.cosCos.length;
  let best = Number.NEGATIVE_INFINITY;
  for (let offset = 0; offset < period; offset++) {
    const delta = f32((2.0 * Math.PI * f32(offset)) / f32(period));
    const beta = f32(Math.sin(delta));
    const halfSine = f32(Math.sin(f32(delta / 2)));
    const alpha = f32(f32(2 * halfSine) * halfSine);
    let cosJ = 1;
    let sinJ = 0;
    let k = dots.cosCos[0]!;
    for (let j = 1; j < c; j++) {
      const nextCos = f32(f32(alpha * cosJ) + f32(beta * sinJ));
      const nextSin = f32(f32(alpha * sinJ) - f32(beta * cosJ));
      cosJ = f32(cosJ - nextCos);
      sinJ = f32(sinJ - nextSin);
      k = f32(k + f32(cosJ * f32(dots.cosCos[j]! + dots.sinSin[j]!)));
      k = f32(k + f32(sinJ * f32(dots.sinCos[j]! - dots.cosSin[j]!)));
    }
    if (k > best) best = k;
  }
  return best;
}

/** a₀ + 2·Σ_{j≥1} a_j: the kernel of a hash with itself at offset 0, so self-score is 1. */
function pairScoreNormalizer(coefficients: Float32Array): number {
  if (coefficients.length === 0) return 1;
  let sum = coefficients[0]!;
  for (let j = 1; j < coefficients.length; j++) sum = f32(sum + 2.0 * coefficients[j]!);
  return sum;
}

/**
 * Level 2: the temporal match kernel maximised over time offsets modulo each period, then over
 * periods, normalised so a hash scores 1 against itself. Robust to a shift in start time.
 */
export function tmkLevel2Score(a: TmkHash, b: TmkHash): number {
  const periods = a.periods.length;
  if (periods === 0 || a.fourierCoefficients.length === 0) return 0;
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < periods; i++) {
    const value = bestKernelValue(periodDots(a, b, i), a.periods[i]!);
    if (value > best) best = value;
  }
  return f32(best / pairScoreNormalizer(a.fourierCoefficients));
}

/**
 * Both TMK scores of two hashes. Throws `INPUT_INVALID` when the hashes were made with
 * different parameters, since their scores would mean nothing.
 * @example
 * const { level1, level2 } = tmkScores(readTmk(a), readTmk(b));
 * const match = level1 >= 0.7 && level2 >= 0.7;
 */
export function tmkScores(a: TmkHash, b: TmkHash): TmkScores {
  const why = tmkIncompatibility(a, b);
  if (why) throw invalidInput(`TMK hashes cannot be compared: ${why}`);
  return { level1: tmkLevel1Score(a, b), level2: tmkLevel2Score(a, b) };
}
