import { describe, expect, it } from 'vitest';
import { dct64To16 } from './dct.js';
import { DIHEDRAL_NAMES } from './dihedral.js';
import { pdqDihedralFromLuma, pdqFromLuma, pdqfFromLuma } from './hash-luma.js';
import { hashHexFromDct, pdqHammingDistance, ZERO_HASH } from './hex.js';
import { pdqQuality } from './quality.js';

/** Deterministic structured luma: rings plus a slope, so quality is high and bits are stable. */
function rings(width: number, height: number): Float32Array {
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const r = Math.hypot(x - width * 0.4, y - height * 0.6);
      luma[y * width + x] = Math.fround(128 + 100 * Math.sin(r / 6) + (x * 20) / width);
    }
  }
  return luma;
}

/** Counter-clockwise, the reference's sense of rot90: output is `height` wide, `width` high. */
function rotate90(luma: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) out[(width - 1 - x) * height + y] = luma[y * width + x]!;
  return out;
}

describe('pdqFromLuma', () => {
  it('gives the all-zero hash and quality 0 below 5 px on a side', () => {
    for (const [w, h] of [
      [4, 4],
      [1, 150],
      [300, 4],
    ] as const) {
      expect(pdqFromLuma(rings(w, h), w, h)).toEqual({ hash: ZERO_HASH, quality: 0 });
      const dihedral = pdqDihedralFromLuma(rings(w, h), w, h);
      expect(dihedral.quality).toBe(0);
      for (const name of DIHEDRAL_NAMES) expect(dihedral.hashes[name]).toBe(ZERO_HASH);
    }
    expect(pdqFromLuma(rings(5, 5), 5, 5).hash).not.toBe(ZERO_HASH);
  });

  it('rates a flat image 0 and a structured one 100', () => {
    expect(pdqFromLuma(new Float32Array(100 * 80).fill(90), 100, 80).quality).toBe(0);
    expect(pdqFromLuma(rings(200, 150), 200, 150).quality).toBe(100);
    expect(pdqQuality(rings(64, 64))).toBe(pdqfFromLuma(rings(64, 64), 64, 64).quality);
  });

  it('is the thresholded pdqf features', () => {
    const luma = rings(300, 200);
    const { features, quality } = pdqfFromLuma(luma, 300, 200);
    expect(features).toHaveLength(256);
    expect(pdqFromLuma(luma, 300, 200)).toEqual({ hash: hashHexFromDct(features), quality });
  });

  it('takes a 64×64 input as already downsampled, as the reference does for video frames', () => {
    const luma = rings(64, 64);
    expect(pdqfFromLuma(luma, 64, 64).features).toEqual(dct64To16(luma));
  });

  it('does not modify the luma it is given', () => {
    const luma = rings(120, 90);
    const copy = Float32Array.from(luma);
    pdqFromLuma(luma, 120, 90);
    pdqDihedralFromLuma(luma, 120, 90);
    expect(luma).toEqual(copy);
  });

  it('rejects a luma buffer of the wrong size', () => {
    expect(() => pdqFromLuma(new Float32Array(10), 4, 4)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    expect(() => pdqfFromLuma(new Float32Array(0), 0, 0)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });
});

describe('pdqDihedralFromLuma', () => {
  it('has the plain hash as its orig', () => {
    const luma = rings(257, 131);
    const dihedral = pdqDihedralFromLuma(luma, 257, 131);
    expect(dihedral.hashes.orig).toBe(pdqFromLuma(luma, 257, 131).hash);
    expect(new Set(Object.values(dihedral.hashes)).size).toBe(8);
  });

  it('predicts the hash of the rotated image within the match threshold (not exactly: the blur is not symmetric)', () => {
    const luma = rings(240, 160);
    const rotated = pdqFromLuma(rotate90(luma, 240, 160), 160, 240).hash;
    const predicted = pdqDihedralFromLuma(luma, 240, 160).hashes.rot90;
    expect(pdqHammingDistance(rotated, predicted)).toBeLessThanOrEqual(31);
    expect(pdqHammingDistance(rotated, pdqFromLuma(luma, 240, 160).hash)).toBeGreaterThan(64);
  });
});
