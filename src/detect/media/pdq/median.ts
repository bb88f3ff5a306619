/**
 * Torben Mogensen's median (no sorting, no copy), in float32 as the reference runs it. The exact
 * algorithm matters, not just "a median": for an even count it returns the lower middle value
 * (or the bisection guess when values tie), and the hash bits are "greater than this value".
 */
export function torbenMedian(values: Float32Array): number {
  const n = values.length;
  const half = Math.trunc((n + 1) / 2);
  let min = values[0]!;
  let max = values[0]!;
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (;;) {
    const guess = Math.fround(Math.fround(min + max) / 2);
    let less = 0;
    let greater = 0;
    let equal = 0;
    let maxBelow = min;
    let minAbove = max;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v < guess) {
        less++;
        if (v > maxBelow) maxBelow = v;
      } else if (v > guess) {
        greater++;
        if (v < minAbove) minAbove = v;
      } else {
        equal++;
      }
    }
    if (less <= half && greater <= half) {
      if (less >= half) return maxBelow;
      if (less + equal >= half) return guess;
      return minAbove;
    }
    if (less > greater) max = maxBelow;
    else min = minAbove;
  }
}
