/**
 * The part of the 64×64 DCT-II that PDQ keeps: frequencies 1..16 on each axis (the DC term and
 * everything above 16 are dropped). Computed as B = D·A·Dᵀ with a 16×64 matrix D, summing in
 * float32 in the reference's order so the output is bit-exact with it.
 */

/**
 * D[i][j] = sqrt(2/64) · cos(π/128 · (i+1) · (2j+1)). The reference keeps the scale as a float
 * and the cosine as a double, multiplies them in double and stores a float; we do the same.
 */
export const DCT_MATRIX: Float32Array = (() => {
  const scale = Math.fround(Math.sqrt(2 / 64));
  const d = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) d[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return d;
})();

/** 64×64 row-major in, 16×16 row-major out. */
export function dct64To16(a: Float32Array): Float32Array {
  const d = DCT_MATRIX;
  // t = D·A, 16×64
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    const dRow = i * 64;
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = Math.fround(sum + Math.fround(d[dRow + k]! * a[k * 64 + j]!));
      t[i * 64 + j] = sum;
    }
  }
  // b = t·Dᵀ, 16×16
  const b = new Float32Array(16 * 16);
  for (let i = 0; i < 16; i++) {
    const tRow = i * 64;
    for (let j = 0; j < 16; j++) {
      const dRow = j * 64;
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = Math.fround(sum + Math.fround(t[tRow + k]! * d[dRow + k]!));
      b[i * 16 + j] = sum;
    }
  }
  return b;
}
