/**
 * 32-bit FNV-1a over UTF-16 code units, seeded per feature family so a character n-gram and a
 * word with the same letters land in different buckets. Feature hashing keeps the model a
 * fixed size whatever the vocabulary; collisions cost a little accuracy, measured in training.
 */
export const FNV_OFFSET = 0x811c9dc5;

export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

export function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** A final avalanche so that low bits (used as the bucket) depend on every input bit. */
export function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
