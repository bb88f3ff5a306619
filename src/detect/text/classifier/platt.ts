import { sigmoid } from './linear.js';

/** Platt scaling: p = sigmoid(a·margin + b), fitted on held-out margins so scores mean probabilities. */
export interface Platt {
  a: number;
  b: number;
}

export function calibrated(platt: Platt, m: number): number {
  return sigmoid(platt.a * m + platt.b);
}

function logLoss(margins: readonly number[], targets: readonly number[], a: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < margins.length; i++) {
    const z = a * (margins[i] as number) + b;
    const t = targets[i] as number;
    // log(1 + e^z) - t·z, written to stay finite for large |z|.
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
  }
  return loss;
}

/**
 * Fits a and b by Newton's method with backtracking on the log loss (as in Platt's paper and
 * LIBSVM), with smoothed targets so a separable calibration set cannot push the slope to
 * infinity. A calibration set with one class, or a fit that would invert the scores, falls back
 * to the raw logistic output.
 */
export function fitPlatt(margins: readonly number[], labels: readonly (0 | 1)[]): Platt {
  const positives = labels.reduce<number>((s, y) => s + y, 0);
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return { a: 1, b: 0 };
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const targets = labels.map((y) => (y === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  let loss = logLoss(margins, targets, a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let g1 = 0;
    let g2 = 0;
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h12 = 0;
    for (let i = 0; i < margins.length; i++) {
      const m = margins[i] as number;
      const p = sigmoid(a * m + b);
      const d = p - (targets[i] as number);
      const s = p * (1 - p);
      g1 += d * m;
      g2 += d;
      h11 += s * m * m;
      h22 += s;
      h12 += s * m;
    }
    if (Math.abs(g1) < 1e-6 && Math.abs(g2) < 1e-6) break;
    const det = h11 * h22 - h12 * h12;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    let step = 1;
    while (step > 1e-8) {
      const next = logLoss(margins, targets, a - step * da, b - step * db);
      if (next < loss + 1e-4 * step * (g1 * da + g2 * db)) {
        a -= step * da;
        b -= step * db;
        loss = next;
        break;
      }
      step /= 2;
    }
    if (step <= 1e-8) break;
  }
  return a > 0 && Number.isFinite(a) && Number.isFinite(b) ? { a, b } : { a: 1, b: 0 };
}
