import { describe, expect, it } from 'vitest';
import { murmur3Units, murmur3Utf16, murmur3Words, murmur3Words3 } from './hash.js';

/** Bytes as UTF-16 code units, little-endian pairs (the input must have an even length). */
function units(bytes: number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 2)
    s += String.fromCharCode((bytes[i] as number) | ((bytes[i + 1] as number) << 8));
  return s;
}

describe('MurmurHash3 x86_32', () => {
  // The published verification values of MurmurHash3_x86_32 (SMHasher).
  it('matches the reference on whole 32-bit blocks', () => {
    expect(murmur3Words(new Uint32Array(0), 0, 0, 0)).toBe(0);
    expect(murmur3Words(new Uint32Array(0), 0, 0, 1)).toBe(0x514e28b7);
    expect(murmur3Words(new Uint32Array(0), 0, 0, 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3Words(Uint32Array.of(0xffffffff), 0, 1, 0)).toBe(0x76293b50);
    expect(murmur3Words(Uint32Array.of(0x87654321), 0, 1, 0)).toBe(0xf55b516b);
    expect(murmur3Words(Uint32Array.of(0x87654321), 0, 1, 0x5082edee)).toBe(0x2362f9de);
    expect(murmur3Words(Uint32Array.of(0), 0, 1, 0)).toBe(0x2362f9de);
  });

  it('matches the reference on UTF-16LE bytes, including a two-byte tail', () => {
    expect(murmur3Utf16(units([0x21, 0x43]), 0, 1, 0)).toBe(0xa0f7b07a);
    expect(murmur3Utf16(units([0x61, 0x61, 0x61, 0x61]), 0, 2, 0x9747b28c)).toBe(0x5a97808a);
    const hello = units([...'Hello, world!!'].map((c) => c.charCodeAt(0)));
    expect(murmur3Utf16(hello, 0, hello.length, 7)).toBe(
      murmur3Units(
        Uint16Array.from(hello, (c) => c.charCodeAt(0)),
        0,
        hello.length,
        7,
      ),
    );
  });

  it('hashes a slice as if it were the whole string, and three words as twelve bytes', () => {
    expect(murmur3Utf16('xxweatherxx', 2, 9, 5)).toBe(murmur3Utf16('weather', 0, 7, 5));
    expect(murmur3Words3(1, 2, 3, 9)).toBe(murmur3Words(Uint32Array.of(1, 2, 3), 0, 3, 9));
  });
});
