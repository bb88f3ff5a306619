import { invalidInput } from '../../core/index.js';
import { murmur3Words, murmur3Words3 } from './hash.js';
import { SHINGLE_KINDS, type ShingleKind } from './shingles.js';

/**
 * MinHash signatures by one-permutation hashing with optimal densification (Li, Owen & Zhang
 * 2012; Shrivastava 2017): each shingle hash x is permuted once by the universal hash
 * y = (a·x + b) mod p, the permuted range is cut into K equal bins, and position j of the
 * signature is the smallest y that fell into bin j. A bin no shingle fell into borrows the
 * value of the first non-empty bin along its own fixed pseudo-random probe sequence.
 *
 * Two sets agree at a position with probability equal to their Jaccard similarity, as with K
 * independent permutations, and the estimate has the same error (√(J(1−J)/K): ±0.044 at
 * J = 0.5 for K = 128), but signing costs one hash per shingle plus K instead of K per
 * shingle — with K permutations, signing alone took longer than the whole query budget.
 *
 * Signatures are stored in banks and exchanged, so every parameter is fixed and written down:
 * - p = 2³¹ − 1 (a Mersenne prime); a shingle hash x (32 bits) is taken mod p first.
 * - a = 1 + (murmur3_x86_32(le32(0), 0x6d680001) mod (p − 1)), b = murmur3_x86_32(le32(0), 0x6d680002) mod p;
 *   the product is computed exactly in double arithmetic (every intermediate < 2⁵³).
 * - K = 128 bins: bin(y) = ⌊y / 2²⁴⌋ (the top 7 of y's 31 bits).
 * - An empty bin j probes bins murmur3_x86_32(le32(j) ‖ le32(t) ‖ le32(0), 0x6d680003) mod K for
 *   t = 0, 1, 2, … and takes the value the first non-empty one had before densification (after
 *   4,096 probes, which a non-empty set practically never needs, the next non-empty bin after j).
 * - The empty set has every position at p.
 * Changing any of this, the shingling or K is a new scheme version (`mh2`): old bank entries
 * would silently stop matching.
 */

export const MINHASH_SCHEME = 'mh1';
/** Positions (bins) per signature. */
export const MINHASH_K = 128;
/** The prime modulus of the permutation. */
export const MINHASH_PRIME = 2_147_483_647;
/** The value of every position for an empty set (no real value reaches p). */
export const EMPTY_VALUE = MINHASH_PRIME;

const BIN_SHIFT = 24; // 31-bit values, 2^7 = 128 bins
const TWO_31 = 2_147_483_648;
const INV_TWO_31 = 1 / TWO_31;
const A_SEED = 0x6d680001;
const B_SEED = 0x6d680002;
const PROBE_SEED = 0x6d680003;
const MAX_PROBES = 4096;
const CACHED_PROBES = 256;

const ZERO = Uint32Array.of(0);
const A = 1 + (murmur3Words(ZERO, 0, 1, A_SEED) % (MINHASH_PRIME - 1));
const B = murmur3Words(ZERO, 0, 1, B_SEED) % MINHASH_PRIME;

function probe(bin: number, attempt: number): number {
  return murmur3Words3(bin, attempt, 0, PROBE_SEED) & (MINHASH_K - 1);
}

/** The first probes of every bin, computed once. */
const PROBES = new Uint8Array(MINHASH_K * CACHED_PROBES);
for (let bin = 0; bin < MINHASH_K; bin++) {
  for (let t = 0; t < CACHED_PROBES; t++) PROBES[bin * CACHED_PROBES + t] = probe(bin, t);
}

/**
 * FIRST[j·K + b]: the first attempt at which bin j's probe sequence reaches bin b (among the
 * cached probes; CACHED_PROBES when it does not). With few non-empty bins, the bin an empty bin
 * borrows from is the non-empty one its sequence reaches first: a minimum over those few bins
 * instead of a walk of about K / (non-empty bins) probes, each ending in a mispredicted branch.
 */
const FIRST = new Uint16Array(MINHASH_K * MINHASH_K).fill(CACHED_PROBES);
for (let bin = 0; bin < MINHASH_K; bin++) {
  for (let t = CACHED_PROBES - 1; t >= 0; t--) FIRST[bin * MINHASH_K + (PROBES[bin * CACHED_PROBES + t] as number)] = t;
}
/** Up to this many non-empty bins, densify by `FIRST` minima; above it, walking is shorter. */
const FEW_BINS = 8;

/** The permutation parameters, for tests and for partners re-implementing the scheme. */
export function minhashParameters(): { a: number; b: number; p: number; k: number } {
  return { a: A, b: B, p: MINHASH_PRIME, k: MINHASH_K };
}

/** (a·x + b) mod p for x < p: x is split as x_hi·2¹⁶ + x_lo and each part folded with 2³¹ ≡ 1 (mod p). */
export function permute(x: number): number {
  const xHi = Math.floor(x / 65_536);
  const xLo = x - xHi * 65_536;
  let hi = A * xHi; // < 2^46
  let q = Math.floor(hi * INV_TWO_31);
  hi = hi - q * TWO_31 + q; // < 2^31 + 2^15
  let t = hi * 65_536 + A * xLo + B; // < 2^49
  q = Math.floor(t * INV_TWO_31);
  t = t - q * TWO_31 + q; // < 2^31 + 2^18
  return t >= MINHASH_PRIME ? t - MINHASH_PRIME : t;
}

const bins = new Uint32Array(MINHASH_K);

/**
 * Writes the signature of `hashes[0..count)` (32-bit shingle hashes; repeats are harmless) into
 * `out`, which must hold MINHASH_K values. The hot path: allocates nothing.
 */
export function minhashInto(hashes: ArrayLike<number>, count: number, out: Uint32Array): Uint32Array {
  if (count === 0) {
    out.fill(EMPTY_VALUE);
    return out;
  }
  bins.fill(EMPTY_VALUE);
  let filled = 0;
  for (let s = 0; s < count; s++) {
    // x mod p by subtraction: x < 2³² < 3p, and a float `%` is a library call per shingle.
    let x = hashes[s] as number;
    if (x >= MINHASH_PRIME) x -= MINHASH_PRIME;
    if (x >= MINHASH_PRIME) x -= MINHASH_PRIME;
    const y = permute(x);
    const bin = y >>> BIN_SHIFT;
    const had = bins[bin] as number;
    if (had === EMPTY_VALUE) filled++;
    if (y < had) bins[bin] = y;
  }
  if (filled <= FEW_BINS) densifyFew(out);
  else densifyWalk(out);
  return out;
}

/** Non-empty bins of the signature being densified, ascending. */
const nonEmpty = new Uint8Array(MINHASH_K);

function densifyFew(out: Uint32Array): void {
  let filled = 0;
  for (let j = 0; j < MINHASH_K; j++) if (bins[j] !== EMPTY_VALUE) nonEmpty[filled++] = j;
  for (let j = 0; j < MINHASH_K; j++) {
    const own = bins[j] as number;
    if (own !== EMPTY_VALUE) {
      out[j] = own;
      continue;
    }
    const row = j * MINHASH_K;
    let first = CACHED_PROBES;
    let from = 0;
    for (let i = 0; i < filled; i++) {
      const b = nonEmpty[i] as number;
      const t = FIRST[row + b] as number;
      if (t < first) {
        first = t;
        from = b;
      }
    }
    out[j] = first < CACHED_PROBES ? (bins[from] as number) : farProbe(j);
  }
}

function densifyWalk(out: Uint32Array): void {
  for (let j = 0; j < MINHASH_K; j++) {
    const own = bins[j] as number;
    if (own !== EMPTY_VALUE) {
      out[j] = own;
      continue;
    }
    let value = EMPTY_VALUE;
    const base = j * CACHED_PROBES;
    for (let t = 0; t < CACHED_PROBES; t++) {
      value = bins[PROBES[base + t] as number] as number;
      if (value !== EMPTY_VALUE) break;
    }
    out[j] = value === EMPTY_VALUE ? farProbe(j) : value;
  }
}

/** Densification past the cached probes: practically never reached, so kept out of the hot loop. */
function farProbe(j: number): number {
  let value = EMPTY_VALUE;
  for (let t = CACHED_PROBES; t < MAX_PROBES && value === EMPTY_VALUE; t++) value = bins[probe(j, t)] as number;
  for (let step = 1; value === EMPTY_VALUE; step++) value = bins[(j + step) & (MINHASH_K - 1)] as number;
  return value;
}

/** The signature of a set of 32-bit shingle hashes, in a fresh array. */
export function minhash(hashes: ArrayLike<number>, count = hashes.length): Uint32Array {
  return minhashInto(hashes, count, new Uint32Array(MINHASH_K));
}

let seen = new Uint32Array(1024);
let stamps = new Uint32Array(1024);
let epoch = 0;

/** How many distinct values `hashes[0..count)` holds (an open-addressing set reused across calls). */
export function distinctCount(hashes: ArrayLike<number>, count: number): number {
  let size = seen.length;
  if (size < count * 2) {
    while (size < count * 2) size *= 2;
    seen = new Uint32Array(size);
    stamps = new Uint32Array(size);
    epoch = 0;
  }
  epoch = (epoch + 1) >>> 0;
  if (epoch === 0) {
    stamps.fill(0);
    epoch = 1;
  }
  const mask = size - 1;
  let distinct = 0;
  for (let s = 0; s < count; s++) {
    const h = hashes[s] as number;
    let slot = Math.imul(h, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      if (stamps[slot] !== epoch) {
        stamps[slot] = epoch;
        seen[slot] = h;
        distinct++;
        break;
      }
      if (seen[slot] === h) break;
      slot++;
    }
  }
  return distinct;
}

/** The share of positions where two signatures agree: an estimate of the Jaccard similarity. */
export function jaccardEstimate(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw invalidInput(`signatures differ in length (${a.length} and ${b.length})`);
  if (a.length === 0) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** A text's signature: how it was shingled, how many distinct shingles it had, and the MinHash. */
export interface TextSignature {
  kind: ShingleKind;
  /** Distinct shingles: with two sizes and a Jaccard estimate, overlap and containment follow. */
  size: number;
  values: Uint32Array;
}

/**
 * `mh1:<kind>:<size>:<base64 of K little-endian uint32>`, e.g. `mh1:w3:57:AbC…` (696 characters
 * or so for K = 128). The prefix names the scheme, so a store of mixed versions stays readable.
 */
export function serializeSignature(signature: TextSignature): string {
  const bytes = new Uint8Array(signature.values.length * 4);
  const view = new DataView(bytes.buffer);
  signature.values.forEach((v, i) => {
    view.setUint32(i * 4, v, true);
  });
  return `${MINHASH_SCHEME}:${signature.kind}:${signature.size}:${Buffer.from(bytes).toString('base64')}`;
}

const SERIALIZED = /^mh1:(w3|c5):(0|[1-9][0-9]{0,8}):([A-Za-z0-9+/]+={0,2})$/;

/** Reads a serialised signature; refuses (INPUT_INVALID) anything this version did not write. */
export function parseSignature(value: string): TextSignature {
  const m = SERIALIZED.exec(value);
  if (!m) {
    throw invalidInput(
      `a text signature must look like "${MINHASH_SCHEME}:<w3|c5>:<size>:<base64>"; this one does not (or is another scheme version)`,
    );
  }
  const bytes = Buffer.from(m[3] as string, 'base64');
  if (bytes.length !== MINHASH_K * 4) {
    throw invalidInput(`a text signature must hold ${MINHASH_K} values; this one holds ${bytes.length / 4}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Uint32Array(MINHASH_K);
  for (let i = 0; i < MINHASH_K; i++) {
    const v = view.getUint32(i * 4, true);
    if (v > EMPTY_VALUE) throw invalidInput('a text signature holds a value outside the MinHash range');
    values[i] = v;
  }
  const kind = m[1] as ShingleKind;
  if (!SHINGLE_KINDS.includes(kind)) throw invalidInput(`unknown shingle kind "${kind}"`);
  return { kind, size: Number(m[2]), values };
}
