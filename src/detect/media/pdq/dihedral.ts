/**
 * The eight rotations and mirrors of an image, applied to its 16×16 DCT block instead of its
 * pixels: a mirror negates the odd frequencies along its axis, a transpose swaps the axes. This
 * is how the reference computes its dihedral hashes, so they match it bit for bit (and they are
 * close to, but not the same as, hashing the rotated image).
 */
export const DIHEDRAL_NAMES = ['orig', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipp', 'flipm'] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

interface Transform {
  transpose: boolean;
  /** Sign of coefficient (i, j) of the source block. */
  sign: (i: number, j: number) => 1 | -1;
}

const odd = (n: number): boolean => (n & 1) === 1;

const TRANSFORMS: Record<DihedralName, Transform> = {
  orig: { transpose: false, sign: () => 1 },
  rot90: { transpose: true, sign: (_i, j) => (odd(j) ? 1 : -1) },
  rot180: { transpose: false, sign: (i, j) => (odd(i + j) ? -1 : 1) },
  rot270: { transpose: true, sign: (i) => (odd(i) ? 1 : -1) },
  flipx: { transpose: false, sign: (i) => (odd(i) ? 1 : -1) },
  flipy: { transpose: false, sign: (_i, j) => (odd(j) ? 1 : -1) },
  flipp: { transpose: true, sign: () => 1 },
  flipm: { transpose: true, sign: (i, j) => (odd(i + j) ? -1 : 1) },
};

/** The 16×16 block of the image seen through `name`. */
export function dihedralDct(dct16x16: Float32Array, name: DihedralName): Float32Array {
  const { transpose, sign } = TRANSFORMS[name];
  const out = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const value = sign(i, j) === 1 ? dct16x16[i * 16 + j]! : -dct16x16[i * 16 + j]!;
      out[transpose ? j * 16 + i : i * 16 + j] = value;
    }
  }
  return out;
}
