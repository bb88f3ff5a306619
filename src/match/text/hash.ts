/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain), written out here because text-bank
 * signatures are stored and exchanged: the hash must be the published algorithm, bit for bit,
 * on every machine. Strings are hashed as their UTF-16LE bytes, so a partner can reproduce a
 * value with any MurmurHash3 library: `murmur3_x86_32(utf16le(s), seed)`.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** One 32-bit block mixed into the running state (the body step of MurmurHash3). */
function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The tail block (fewer than four bytes left) and the finaliser. */
function finish(h: number, tail: number, hasTail: boolean, byteLength: number): number {
  if (hasTail) {
    let k = Math.imul(tail, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= byteLength;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 x86_32 of the UTF-16LE bytes of `text.slice(start, end)`, as an unsigned 32-bit number. */
export function murmur3Utf16(text: string, start: number, end: number, seed: number): number {
  let h = seed | 0;
  let i = start;
  for (; i + 1 < end; i += 2) h = mixBlock(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  const odd = i < end;
  return finish(h, odd ? text.charCodeAt(i) : 0, odd, (end - start) * 2);
}

/** `murmur3Utf16` over UTF-16 units held in an array instead of a string. */
export function murmur3Units(units: ArrayLike<number>, start: number, end: number, seed: number): number {
  let h = seed | 0;
  let i = start;
  for (; i + 1 < end; i += 2) h = mixBlock(h, (units[i] as number) | ((units[i + 1] as number) << 16));
  const odd = i < end;
  return finish(h, odd ? (units[i] as number) : 0, odd, (end - start) * 2);
}

/** MurmurHash3 x86_32 of three unsigned 32-bit numbers as 12 little-endian bytes. */
export function murmur3Words3(a: number, b: number, c: number, seed: number): number {
  let h = seed | 0;
  h = mixBlock(h, a);
  h = mixBlock(h, b);
  h = mixBlock(h, c);
  return finish(h, 0, false, 12);
}

/** MurmurHash3 x86_32 of `count` numbers of `values` from `offset`, as little-endian 32-bit words. */
export function murmur3Words(values: Uint32Array, offset: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < count; i++) h = mixBlock(h, values[offset + i] as number);
  return finish(h, 0, false, count * 4);
}
