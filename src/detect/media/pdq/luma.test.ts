import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../core/errors.js';
import { isGreyPixels, lumaFromRgb, lumaOf } from './luma.js';
import { referenceLuma } from './reference-luma.js';

describe('lumaFromRgb', () => {
  it('weights R, G, B by 0.299, 0.587, 0.114 in float32 and drops alpha', () => {
    const rgba = new Uint8Array([255, 0, 0, 7, 0, 255, 0, 200, 0, 0, 255, 0, 10, 20, 30, 255]);
    const luma = lumaFromRgb(rgba, 2, 2, 4);
    expect(Array.from(luma)).toEqual([
      Math.fround(Math.fround(0.299) * 255),
      Math.fround(Math.fround(0.587) * 255),
      Math.fround(Math.fround(0.114) * 255),
      lumaOf(10, 20, 30),
    ]);
    // The float32 weights, not the double ones, decide the last bits.
    expect(luma[0]).not.toBe(0.299 * 255);
  });

  it('uses the grey value itself for 1 and 2 channel images', () => {
    expect(Array.from(lumaFromRgb(new Uint8Array([15, 37, 250]), 3, 1, 1))).toEqual([15, 37, 250]);
    expect(Array.from(lumaFromRgb(new Uint8Array([15, 0, 37, 255]), 2, 1, 2))).toEqual([15, 37]);
  });

  it('rejects buffers that do not match the size', () => {
    const attempts = [
      () => lumaFromRgb(new Uint8Array(11), 2, 2, 3),
      () => lumaFromRgb(new Uint8Array(20), 2, 2, 5),
      () => lumaFromRgb(new Uint8Array(0), 0, 0, 3),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
      try {
        attempt();
      } catch (error) {
        expect(isAppError(error)).toBe(true);
      }
    }
  });
});

describe('referenceLuma (the C++ tool pipeline)', () => {
  it('takes the grey value for RGB images whose pixels are all grey, as ImageMagick hands the tool a PGM', () => {
    // 15 is one of the grey levels where the weighted sum is not exactly the level in float32.
    expect(lumaOf(15, 15, 15)).not.toBe(15);
    const grey = new Uint8Array([15, 15, 15, 30, 30, 30]);
    expect(isGreyPixels(grey, 3)).toBe(true);
    expect(Array.from(referenceLuma(grey, 2, 1, 3).luma)).toEqual([15, 30]);
    expect(Array.from(lumaFromRgb(grey, 2, 1, 3))).toEqual([lumaOf(15, 15, 15), lumaOf(30, 30, 30)]);
  });

  it('uses the weighted sum as soon as one pixel has colour', () => {
    const mixed = new Uint8Array([15, 15, 15, 30, 30, 31]);
    expect(isGreyPixels(mixed, 3)).toBe(false);
    expect(Array.from(referenceLuma(mixed, 2, 1, 3).luma)).toEqual([lumaOf(15, 15, 15), lumaOf(30, 30, 31)]);
  });

  it('keeps images of at most 512 px per side at their size', () => {
    const pixels = new Uint8Array(512 * 300).map((_, i) => i % 251);
    const out = referenceLuma(pixels, 512, 300, 1);
    expect([out.width, out.height]).toEqual([512, 300]);
    expect(Array.from(out.luma)).toEqual(Array.from(pixels));
  });

  it('resizes larger images to exactly 512×512, nearest neighbour at ⌊x·in/512⌋', () => {
    // Grey pixels whose value encodes the source column (mod 256) and row.
    const width = 1024;
    const height = 77;
    const pixels = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = (x + y * 3) & 255;
    const out = referenceLuma(pixels, width, height, 1);
    expect([out.width, out.height]).toEqual([512, 512]);
    for (const [x, y] of [
      [0, 0],
      [1, 1],
      [255, 7],
      [511, 511],
      [300, 200],
    ] as const) {
      const sx = Math.floor((x * width) / 512);
      const sy = Math.floor((y * height) / 512);
      expect(out.luma[y * 512 + x], `${x},${y}`).toBe((sx + sy * 3) & 255);
    }
  });
});
