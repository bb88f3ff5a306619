/**
 * The fixed parameters of TMK+PDQF as Meta ships it. Two hashes compare only when these agree,
 * so they are constants, not options.
 */

/** Frames are resampled to this rate before hashing; frame `t` is the t-th resampled frame. */
export const TMK_FRAMES_PER_SECOND = 15;

/** ffmpeg scales every frame to this square size, so PDQF sees 64×64 and skips its own blur. */
export const TMK_FRAME_SIZE = 64;

/** PDQF: the 16×16 DCT block of PDQ before thresholding. */
export const PDQF_DIMENSION = 256;

/** Frame-feature algorithm tag written in the file header. */
export const PDQF_ALGORITHM = 'PDQF';

/**
 * Periods (in frames) of the temporal kernel, after Poullot et al. Primes, so no two periods
 * share an alignment ambiguity.
 */
export const POULLOT_PERIODS: readonly number[] = [2731, 4391, 9767, 14653];

const POULLOT_COEFFICIENT_COUNT = 32;
const POULLOT_BETA = 32;

/**
 * Modified Bessel function of the first kind by its power series. Every term is positive, so
 * the sum loses nothing to cancellation; for x = 32 it converges in under 100 terms.
 */
function besselI(order: number, x: number): number {
  const half = x / 2;
  let term = half ** order;
  for (let k = 1; k <= order; k++) term /= k;
  let sum = 0;
  for (let k = 0; k < 500; k++) {
    sum += term;
    term *= (half * half) / ((k + 1) * (k + 1 + order));
    if (term < sum * 1e-20) break;
  }
  return sum;
}

/**
 * Fourier weights a_j of the von Mises kernel with β = 32 (Poullot). Meta tabulates them; we
 * derive them, and a test pins every float32 against the reference `.tmk` files.
 */
function poullotCoefficients(): Float32Array {
  const sinhBeta = Math.sinh(POULLOT_BETA);
  const out = new Float32Array(POULLOT_COEFFICIENT_COUNT);
  out[0] = (besselI(0, POULLOT_BETA) - Math.exp(-POULLOT_BETA)) / (2 * sinhBeta);
  for (let j = 1; j < POULLOT_COEFFICIENT_COUNT; j++) out[j] = besselI(j, POULLOT_BETA) / sinhBeta;
  return out;
}

const COEFFICIENTS = poullotCoefficients();

/** The 32 float32 Fourier coefficients stored in every TMK+PDQF file (a fresh copy each call). */
export function poullotFourierCoefficients(): Float32Array {
  return COEFFICIENTS.slice();
}
