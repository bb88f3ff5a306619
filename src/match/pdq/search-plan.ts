import { binomial, MAX_FLIP_MASKS } from './flip-masks.js';

/**
 * Which chunks a search probes and how far: the general pigeonhole principle. If every chunk k
 * differed from the query by more than r_k bits the hashes would differ by at least
 * Σ (r_k + 1) bits; so when Σ (r_k + 1) ≥ r + 1, every hash within r has some chunk within its
 * r_k, and probing each chunk to its r_k finds all of them. r_k = -1 skips a chunk. Plain MIH
 * is the special case r_k = ⌊r/m⌋ everywhere; here a small dynamic programme picks the r_k that
 * minimise the expected cost, so a small radius probes fewer chunks than there are (radius 4
 * probes 5 of 11 chunks exactly), and chunks of unequal width get the share that suits them.
 * Any valid plan is exact; the cost model only decides speed.
 *
 * Expected cost of chunk k (b bits, of which t index a bucket table) at threshold r_k over n
 * uniform hashes, in rough nanoseconds on one core:
 *   probes     P = Σ_{f ≤ r_k} C(t, f)           bucket lookups (a cache miss each)
 *   postings   S = P · n / 2^t                   read sequentially, filtered by residue bits
 *   candidates V = n · Σ_{d ≤ r_k} C(b, d) / 2^b  full-hash checks (a cache miss each)
 * and a plain scan of the segment costs n · COST_NS.scan; the cheaper of the two wins.
 */
export interface PlanChunk {
  readonly bits: number;
  /** Bits of the chunk that index the bucket table; the rest are stored next to each posting. */
  readonly prefixBits: number;
}

export type SearchPlan =
  | { readonly kind: 'scan'; readonly cost: number }
  | { readonly kind: 'mih'; readonly cost: number; readonly thresholds: Int8Array };

// Rough nanoseconds on the 2-vCPU bench VM at 10 M hashes, where a random read of a big array
// costs ~50–100 ns (cache and TLB miss): a probe is two such reads (table, then postings), a
// candidate one; a scan streams. Only their ratios matter, and only for speed.
export const COST_NS = { probe: 60, posting: 3, candidate: 50, scan: 15 } as const;

function chunkCost(chunk: PlanChunk, n: number, threshold: number): number {
  const t = chunk.prefixBits;
  let probes = 0;
  for (let f = 0; f <= Math.min(threshold, t); f++) {
    const c = binomial(t, f);
    if (c > MAX_FLIP_MASKS) return Number.POSITIVE_INFINITY;
    probes += c;
  }
  let keys = 0;
  for (let d = 0; d <= threshold; d++) keys += binomial(chunk.bits, d);
  const postings = (probes * n) / 2 ** t;
  const candidates = (n * keys) / 2 ** chunk.bits;
  return probes * COST_NS.probe + postings * COST_NS.posting + candidates * COST_NS.candidate;
}

/** The cheapest exact plan for a segment of n hashes: MIH thresholds per chunk, or a scan. */
export function planSearch(chunks: readonly PlanChunk[], n: number, radius: number): SearchPlan {
  const scan = n * COST_NS.scan;
  const tables = dpTables(chunks, n, radius);
  if (!tables || tables.cost >= scan) return { kind: 'scan', cost: scan };
  return { kind: 'mih', cost: tables.cost, thresholds: tables.thresholds };
}

/** Forward DP over chunks keeping every layer, then a walk back from "need units after the last chunk". */
function dpTables(chunks: readonly PlanChunk[], n: number, radius: number) {
  const need = radius + 1;
  const layers: Float64Array[] = [new Float64Array(need + 1).fill(Number.POSITIVE_INFINITY)];
  (layers[0] as Float64Array)[0] = 0;
  const costs = chunks.map((chunk) => {
    const row: number[] = [];
    for (let r = 0; r < Math.min(chunk.bits + 1, need); r++) {
      const c = chunkCost(chunk, n, r);
      if (!Number.isFinite(c)) break;
      row.push(c);
    }
    return row;
  });
  for (let k = 0; k < chunks.length; k++) {
    const prev = layers[k] as Float64Array;
    const next = prev.slice();
    const row = costs[k] as number[];
    for (let u = 0; u <= need; u++) {
      const from = prev[u] as number;
      if (!Number.isFinite(from)) continue;
      for (let r = 0; r < row.length; r++) {
        const to = Math.min(need, u + r + 1);
        const c = from + (row[r] as number);
        if (c < (next[to] as number)) next[to] = c;
      }
    }
    layers.push(next);
  }
  const total = (layers[chunks.length] as Float64Array)[need] as number;
  if (!Number.isFinite(total)) return null;
  const thresholds = new Int8Array(chunks.length).fill(-1);
  let target = need;
  let remaining = total;
  for (let k = chunks.length - 1; k >= 0; k--) {
    const prev = layers[k] as Float64Array;
    const row = costs[k] as number[];
    if (prev[target] === remaining) continue; // skipping chunk k is already optimal
    const r = walkBack(prev, row, target, remaining, need);
    thresholds[k] = r.threshold;
    target = r.from;
    remaining = prev[r.from] as number;
  }
  return { cost: total, thresholds };
}

function walkBack(prev: Float64Array, row: number[], target: number, remaining: number, need: number) {
  for (let r = 0; r < row.length; r++) {
    const lowest = target === need ? Math.max(0, need - r - 1) : target - r - 1;
    const highest = target === need ? need : target - r - 1;
    for (let u = Math.max(0, lowest); u <= highest; u++) {
      if ((prev[u] as number) + (row[r] as number) === remaining) return { threshold: r, from: u };
    }
  }
  throw new Error('search plan: no way back through the table'); // unreachable: `remaining` came from it
}

/** Σ (r_k + 1) over probed chunks: a plan is exact for radius r iff this is ≥ r + 1. */
export function planUnits(thresholds: Int8Array): number {
  let units = 0;
  for (const r of thresholds) if (r >= 0) units += r + 1;
  return units;
}
