/**
 * Zeroed typed arrays for the normaliser, cut from shared slabs. A typed array over 64 bytes is
 * allocated outside the V8 heap, which costs about a microsecond (measured on the bench
 * machine) — as much as normalising the characters of a short message; two such arrays per
 * call were a tenth of the text path. A view on a slab costs an object.
 *
 * Pieces are never reused, so each starts zeroed like a fresh array, and nothing is shared
 * between calls but the slab's memory. A piece keeps its slab alive, so slabs are small (32 KB;
 * Node's Buffer pool works the same way with 8 KB); arrays too large for one come on their own.
 */
const SLAB_BYTES = 32 * 1024;
const MAX_PIECE = SLAB_BYTES / 8;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** Byte offset of a fresh piece of `bytes` bytes, 8-aligned; -1 when it should not come from a slab. */
function take(bytes: number): number {
  if (bytes > MAX_PIECE) return -1;
  if (used + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used = (used + bytes + 7) & ~7;
  return at;
}

export function int32s(length: number): Int32Array {
  const at = take(length * 4);
  return at < 0 ? new Int32Array(length) : new Int32Array(slab, at, length);
}

export function uint16s(length: number): Uint16Array {
  const at = take(length * 2);
  return at < 0 ? new Uint16Array(length) : new Uint16Array(slab, at, length);
}

export function uint8s(length: number): Uint8Array {
  const at = take(length);
  return at < 0 ? new Uint8Array(length) : new Uint8Array(slab, at, length);
}
