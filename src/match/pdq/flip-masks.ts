/**
 * XOR masks that flip exactly `flips` of the low `bits` bits: a query prefix XOR each mask is
 * every bucket prefix at that distance. Lists are kept per (bits, flips) because every search at
 * the same radius walks the same ones; the planner never asks for more than `MAX_FLIP_MASKS`.
 */
export const MAX_FLIP_MASKS = 1 << 20;

const cache = new Map<number, Uint32Array>();

/** n choose k, exact for the sizes used here (n ≤ 32). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - i + 1)) / i;
  return Math.round(c);
}

export function flipMasks(bits: number, flips: number): Uint32Array {
  const key = bits * 64 + flips;
  const hit = cache.get(key);
  if (hit) return hit;
  const total = binomial(bits, flips);
  if (total > MAX_FLIP_MASKS) throw new RangeError(`${total} masks of ${flips} flips in ${bits} bits is too many`);
  const out = new Uint32Array(total);
  let n = 0;
  // Positions of the set bits, kept increasing; advancing it like an odometer lists each subset once.
  const at = Array.from({ length: flips }, (_, i) => i);
  while (n < total) {
    let mask = 0;
    for (const p of at) mask |= 1 << p;
    out[n++] = mask >>> 0;
    let i = flips - 1;
    while (i >= 0 && (at[i] as number) === bits - flips + i) i--;
    if (i < 0) break;
    at[i] = (at[i] as number) + 1;
    for (let j = i + 1; j < flips; j++) at[j] = (at[j - 1] as number) + 1;
  }
  cache.set(key, out);
  return out;
}
