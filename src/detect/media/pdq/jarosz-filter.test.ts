import { describe, expect, it } from 'vitest';
import { decimate, jaroszFilter, jaroszWindowSize } from './jarosz-filter.js';

describe('Jarosz filter', () => {
  it('sizes each pass at half an output block, rounded up', () => {
    expect(jaroszWindowSize(1024, 64)).toBe(8);
    expect(jaroszWindowSize(512, 64)).toBe(4);
    expect(jaroszWindowSize(513, 64)).toBe(5);
    expect(jaroszWindowSize(64, 64)).toBe(1);
    expect(jaroszWindowSize(5, 64)).toBe(1);
  });

  it('averages a centred window that shrinks at the edges', () => {
    const row = Float32Array.of(1, 2, 3, 4, 5);
    expect(Array.from(jaroszFilter(row, 1, 5, 3, 1, 1))).toEqual([1.5, 2, 3, 4, 4.5]);
    // An even window leans right: out[i] averages i-1..i+2.
    expect(Array.from(jaroszFilter(row, 1, 5, 4, 1, 1))).toEqual([2, 2.5, 3.5, 4, 4.5]);
    // The same along columns.
    expect(Array.from(jaroszFilter(row, 5, 1, 1, 3, 1))).toEqual([1.5, 2, 3, 4, 4.5]);
  });

  it('keeps the running sum in float32, so a window of 1 is not an exact identity', () => {
    // 1e8 + 3 rounds to 1e8 in float32; subtracting 1e8 back leaves 0, not 3.
    const row = Float32Array.of(1e8, 3, 3);
    expect(Array.from(jaroszFilter(row, 1, 3, 1, 1, 1))).toEqual([1e8, 0, 0]);
  });

  it('leaves its input untouched', () => {
    const input = Float32Array.from({ length: 100 }, (_, i) => (i * 37) % 11);
    const copy = Float32Array.from(input);
    jaroszFilter(input, 10, 10, 2, 3, 2);
    expect(input).toEqual(copy);
  });

  it('decimates at block centres', () => {
    const input = Float32Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(decimate(input, 4, 4, 2, 2))).toEqual([5, 7, 13, 15]);
    expect(Array.from(decimate(input, 4, 4, 4, 4))).toEqual(Array.from(input));
  });
});
