import { describe, expect, it } from 'vitest';
import { pdqQuality } from './quality.js';

function columns(a: number, b: number): Float32Array {
  const block = new Float32Array(64 * 64);
  for (let i = 0; i < 64; i++) for (let j = 0; j < 64; j++) block[i * 64 + j] = j % 2 === 0 ? a : b;
  return block;
}

describe('pdqQuality', () => {
  it('counts whole-percent steps between neighbours, 90 steps a point, at most 100', () => {
    // 64 rows × 63 horizontal neighbours, each a 10 % step: 40320 / 90 = 448 → capped.
    expect(pdqQuality(columns(0, 25.5))).toBe(100);
    // Steps under 1 % count nothing however many there are.
    expect(pdqQuality(columns(0, 2.5))).toBe(0);
    expect(pdqQuality(new Float32Array(64 * 64))).toBe(0);
  });

  it('rounds each step in float32 like the reference', () => {
    // 2.55 as a float32 is 2.5499999…; scaled in double it stays under 1 %, in float32 it is
    // exactly 1 %. The reference counts it: 4032 steps of 1 → quality 44.
    const step = Math.fround(2.55);
    expect(Math.trunc((step * 100) / 255)).toBe(0);
    expect(pdqQuality(columns(0, step))).toBe(44);
  });
});
