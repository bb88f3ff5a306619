import type { SparseVector } from './features.js';
import { seededRandom, shuffleInPlace } from './random.js';

/** A binary linear model over hashed features: margin = bias + w·x. */
export interface LinearModel {
  bits: number;
  weights: Float32Array;
  bias: number;
}

export interface Example {
  x: SparseVector;
  /** 1 for the positive class, 0 otherwise. */
  y: 0 | 1;
  /** How much this example counts: gold rows more than account-level weak labels. */
  weight: number;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Multiplies the weight of positives, to balance rare classes. */
  positiveWeight?: number;
}

export function margin(model: LinearModel, x: SparseVector): number {
  const mask = (1 << model.bits) - 1;
  let m = model.bias;
  const { indices, values } = x;
  for (let k = 0; k < indices.length; k++)
    m += (model.weights[(indices[k] as number) & mask] as number) * (values[k] as number);
  return m;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Logistic regression by AdaGrad with per-feature L2 applied when a feature is touched (the
 * usual sparse approximation). Deterministic: a seeded shuffle per epoch, float32 weights.
 */
export function trainLogistic(examples: readonly Example[], options: TrainOptions): LinearModel {
  const size = 1 << options.bits;
  const mask = size - 1;
  const weights = new Float32Array(size);
  const squares = new Float32Array(size);
  let bias = 0;
  let biasSquares = 0;
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const positiveWeight = options.positiveWeight ?? 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const ex = examples[i] as Example;
      const { indices, values } = ex.x;
      let m = bias;
      for (let k = 0; k < indices.length; k++)
        m += (weights[(indices[k] as number) & mask] as number) * (values[k] as number);
      const g = (sigmoid(m) - ex.y) * ex.weight * (ex.y === 1 ? positiveWeight : 1);
      if (g === 0) continue;
      for (let k = 0; k < indices.length; k++) {
        const j = (indices[k] as number) & mask;
        const w = weights[j] as number;
        const grad = g * (values[k] as number) + options.l2 * w;
        const s = (squares[j] as number) + grad * grad;
        squares[j] = s;
        weights[j] = w - (options.learningRate * grad) / (Math.sqrt(s) + 1e-8);
      }
      biasSquares += g * g;
      bias -= (options.learningRate * g) / (Math.sqrt(biasSquares) + 1e-8);
    }
  }
  return { bits: options.bits, weights, bias: Math.fround(bias) };
}
