/**
 * PDQ's quality score (0..100) from the 64×64 downsample: the sum of neighbour differences,
 * each scaled to percent of full range and truncated to an integer first, so only gradients of
 * at least 1 % count — many tiny ones (noise, JPEG ringing on a flat image) add nothing. The
 * arithmetic is float32 with C's truncation toward zero, as in the reference.
 */
function percentStep(u: number, v: number): number {
  return Math.abs(Math.trunc(Math.fround(Math.fround(Math.fround(u - v) * 100) / 255)));
}

export function pdqQuality(buffer64x64: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) gradientSum += percentStep(buffer64x64[i * 64 + j]!, buffer64x64[(i + 1) * 64 + j]!);
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) gradientSum += percentStep(buffer64x64[i * 64 + j]!, buffer64x64[i * 64 + j + 1]!);
  }
  // The divisor is the reference's hand-tuned scale: 90 summed steps make one quality point.
  return Math.min(100, Math.trunc(gradientSum / 90));
}
