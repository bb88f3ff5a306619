/**
 * Quantiles from Prometheus histogram buckets, as PromQL's `histogram_quantile` estimates them:
 * linear within the bucket the rank falls in. Workers are separate processes, so their latency
 * comes to the benchmark as scraped `/metrics` text, summed across workers bucket by bucket.
 */

export type Buckets = Map<number, number>;

/** Adds the cumulative `<name>_bucket{le="…"}` counts of one scrape into `into`. */
export function addBuckets(into: Buckets, metricsText: string, name: string): Buckets {
  const pattern = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+(?:\\.\\d+)?)$`, 'gm');
  for (const match of metricsText.matchAll(pattern)) {
    const le = match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]);
    into.set(le, (into.get(le) ?? 0) + Number(match[2]));
  }
  return into;
}

export function quantile(buckets: Buckets, q: number): number {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Number.POSITIVE_INFINITY) ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const bound of bounds) {
    const count = buckets.get(bound) ?? 0;
    if (count >= rank) {
      if (bound === Number.POSITIVE_INFINITY) return lower;
      return lower + ((bound - lower) * (rank - below)) / Math.max(1, count - below);
    }
    lower = bound;
    below = count;
  }
  return lower;
}

/** The observations between two scrapes of the same histograms: `later` minus `earlier`, bucket by bucket. */
export function bucketsBetween(earlier: Buckets, later: Buckets): Buckets {
  return new Map([...later].map(([le, count]) => [le, count - (earlier.get(le) ?? 0)]));
}
