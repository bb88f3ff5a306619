/**
 * The strong generic baseline Rasd has to beat: TF-IDF over character n-grams and a linear SVM,
 * as a practitioner would run it with scikit-learn:
 *
 *   TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), sublinear_tf=True, min_df=2) + LinearSVC()
 *
 * Written from the published definitions, not ported: the vectoriser follows scikit-learn's
 * documented char_wb / smooth-idf / sublinear-tf / L2-norm semantics, and the SVM is dual
 * coordinate descent (Hsieh et al., ICML 2008), the method LIBLINEAR (and so LinearSVC) uses.
 * The only text processing is lower-casing: the baseline has no evasion handling on purpose.
 *
 * Checked once against scikit-learn 1.2.1 on the dev split (not part of the tests, which must
 * not need Python): the same number of features, and dev margins within 2e-5 of LinearSVC's
 * for both losses, so every prediction agrees.
 */
import { seededRandom } from '../../src/detect/text/classifier/random.js';

/** A row of the document-term matrix: column indices and their weights (no order implied). */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface TfidfOptions {
  minN: number;
  maxN: number;
  /** Keep an n-gram only when at least this many training documents contain it. */
  minDf: number;
  /** Term frequency as 1 + ln(count) instead of the raw count. */
  sublinearTf: boolean;
}

export const TFIDF_DEFAULTS: TfidfOptions = { minN: 2, maxN: 5, minDf: 2, sublinearTf: true };

/**
 * Whitespace as Python's str.split() sees it, which is what splits words for char_wb. It differs
 * from JavaScript's \s: U+FEFF is not whitespace in Python (so a zero-width no-break space does
 * not split a word here either), and U+001C–U+001F and U+0085 are.
 */
const PY_WHITESPACE = /[\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const SPACE = 0x20;

/** The words of a lower-cased text, each as code points padded with one space either side. */
function paddedWords(text: string): number[][] {
  const out: number[][] = [];
  for (const word of text.toLowerCase().split(PY_WHITESPACE)) {
    if (word === '') continue;
    const cps = [SPACE];
    for (const ch of word) cps.push(ch.codePointAt(0) as number);
    cps.push(SPACE);
    out.push(cps);
  }
  return out;
}

const H1_START = 0x811c9dc5;
const H2_START = 0x01000193;
const nextH1 = (h: number, cp: number) => Math.imul(h ^ cp, 0x01000193);
const nextH2 = (h: number, cp: number) => Math.imul((h ^ cp) + 0x9e3779b9, 0x85ebca6b) ^ (h >>> 13);
/** 21 bits of one hash above 32 of the other: an exact integer key below 2^53. */
const keyOf = (h1: number, h2: number) => (h2 & 0x1fffff) * 0x100000000 + (h1 >>> 0);

/** The key of one n-gram string, the same as the walk below gives it. */
function ngramKey(ngram: string): number {
  let h1 = H1_START;
  let h2 = H2_START;
  for (const ch of ngram) {
    const cp = ch.codePointAt(0) as number;
    h1 = nextH1(h1, cp);
    h2 = nextH2(h2, cp);
  }
  return keyOf(h1, h2);
}

/**
 * Visits every char_wb n-gram of a text with a 53-bit key of its code points. Inside a padded
 * word of L code points char_wb yields every substring of each length n in [minN, min(maxN, L)]
 * — a word shorter than maxN is yielded whole once, never twice — so the walk extends each start
 * one code point at a time and the key is built incrementally from two independent 32-bit
 * FNV-1a style hashes.
 *
 * Keys stand for the n-gram strings: at the ~10^7 distinct n-grams of a corpus this size the
 * chance of even one collision among 2^53 keys is below 1%, so the vocabulary is exact in
 * practice (this is not the hashing trick; nothing is folded into a small number of buckets).
 */
function forEachNgram(
  text: string,
  minN: number,
  maxN: number,
  visit: (key: number, word: readonly number[], start: number, n: number) => void,
): void {
  for (const word of paddedWords(text)) {
    for (let start = 0; start < word.length; start++) {
      let h1 = H1_START;
      let h2 = H2_START;
      for (let n = 1; n <= maxN && start + n <= word.length; n++) {
        const cp = word[start + n - 1] as number;
        h1 = nextH1(h1, cp);
        h2 = nextH2(h2, cp);
        if (n >= minN) visit(keyOf(h1, h2), word, start, n);
      }
    }
  }
}

/** The char_wb n-grams of a text as strings, in walk order; for tests and for reading. */
export function charWbNgrams(text: string, minN = TFIDF_DEFAULTS.minN, maxN = TFIDF_DEFAULTS.maxN): string[] {
  const out: string[] = [];
  forEachNgram(text, minN, maxN, (_key, word, start, n) => {
    out.push(String.fromCodePoint(...word.slice(start, start + n)));
  });
  return out;
}

/** How often each n-gram key occurs in one text. */
function ngramCounts(text: string, options: TfidfOptions): Map<number, number> {
  const counts = new Map<number, number>();
  forEachNgram(text, options.minN, options.maxN, (key) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

/**
 * An open-addressing table from non-negative 53-bit keys to int32 values. A JavaScript Map stops
 * at 2^24 entries and costs far more memory per entry; a corpus can hold tens of millions of
 * distinct n-grams before min_df prunes them.
 */
class KeyTable {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity).fill(-1);
    this.vals = new Int32Array(capacity);
  }

  /** The slot holding key, or the empty slot where it would go. */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // The low 32 bits of a key are already a hash; mix them once more so probing spreads.
    let i = Math.imul(key >>> 0, 0x9e3779b1) & mask;
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): number | undefined {
    const i = this.slot(key);
    return this.keys[i] === -1 ? undefined : this.vals[i];
  }

  add(key: number, delta: number): void {
    let i = this.slot(key);
    if (this.keys[i] === -1) {
      // Keep the load under one half so probe runs stay short.
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow();
        i = this.slot(key);
      }
      this.keys[i] = key;
      this.size++;
    }
    this.vals[i] = (this.vals[i] as number) + delta;
  }

  *entries(): Generator<[number, number]> {
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i] as number;
      if (key !== -1) yield [key, this.vals[i] as number];
    }
  }

  /** Doubles the capacity, re-placing entries straight from the old arrays (no copies of millions of pairs). */
  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.vals = new Int32Array(this.keys.length);
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j] as number;
      if (key === -1) continue;
      const i = this.slot(key);
      this.keys[i] = key;
      this.vals[i] = oldVals[j] as number;
    }
  }
}

/**
 * TF-IDF with scikit-learn's defaults for the rest: smooth idf, ln((1 + n) / (1 + df)) + 1, so a
 * term in every document still weighs 1 and unseen-looking terms are not infinite; rows
 * L2-normalised so long texts do not dominate the margin.
 */
export class TfidfVectorizer {
  readonly options: TfidfOptions;
  private vocabulary = new KeyTable();
  private idf = new Float64Array(0);

  constructor(options: Partial<TfidfOptions> = {}) {
    this.options = { ...TFIDF_DEFAULTS, ...options };
  }

  /** Number of columns (n-grams kept after min_df). */
  get dimension(): number {
    return this.idf.length;
  }

  /** Learns the vocabulary and idf from training texts; document frequencies are counted once per text. */
  fit(texts: Iterable<string>): this {
    const df = new KeyTable(1 << 22);
    let documents = 0;
    for (const text of texts) {
      documents++;
      for (const key of ngramCounts(text, this.options).keys()) df.add(key, 1);
    }
    this.vocabulary = new KeyTable();
    const kept: number[] = [];
    for (const [key, count] of df.entries()) {
      if (count < this.options.minDf) continue;
      this.vocabulary.add(key, kept.length);
      kept.push(count);
    }
    this.idf = Float64Array.from(kept, (count) => Math.log((1 + documents) / (1 + count)) + 1);
    return this;
  }

  /** The idf weight of an n-gram string, or undefined when it is not in the vocabulary (for tests). */
  idfOf(ngram: string): number | undefined {
    const column = this.vocabulary.get(ngramKey(ngram));
    return column === undefined ? undefined : this.idf[column];
  }

  /** One text as an L2-normalised TF-IDF row; n-grams outside the vocabulary are ignored. */
  transform(text: string): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    let squared = 0;
    for (const [key, count] of ngramCounts(text, this.options)) {
      const column = this.vocabulary.get(key);
      if (column === undefined) continue;
      const tf = this.options.sublinearTf ? 1 + Math.log(count) : count;
      const value = tf * (this.idf[column] as number);
      indices.push(column);
      values.push(value);
      squared += value * value;
    }
    const norm = Math.sqrt(squared);
    return {
      indices: Int32Array.from(indices),
      values: Float64Array.from(values, (v) => (norm > 0 ? v / norm : v)),
    };
  }
}

export interface SvmOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** LinearSVC's default is the squared hinge; the plain hinge is LIBLINEAR's L1-loss SVM. */
  loss: 'squared_hinge' | 'hinge';
  /** Stop when the spread of projected gradients falls below this (LinearSVC's tol). */
  tol: number;
  /** Passes over the data at most (LinearSVC's max_iter). */
  maxIter: number;
  /** The intercept is learnt as the weight of a constant feature of this value, regularised like the rest. */
  interceptScaling: number;
  seed: number;
}

/** LinearSVC() as constructed with no arguments: C=1, squared hinge, tol 1e-4, 1000 iterations, no class weights. */
export const SVM_DEFAULTS: SvmOptions = {
  c: 1,
  loss: 'squared_hinge',
  tol: 1e-4,
  maxIter: 1000,
  interceptScaling: 1,
  seed: 0,
};

export interface LinearModel {
  weights: Float64Array;
  bias: number;
  /** Passes over the data the solver made, and whether it met tol before maxIter. */
  epochs: number;
  converged: boolean;
}

/** w·x, where x may carry columns the model has never seen (they weigh nothing). */
function dot(weights: Float64Array, x: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < x.indices.length; k++) sum += (weights[x.indices[k] as number] ?? 0) * (x.values[k] as number);
  return sum;
}

function squaredNorm(x: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < x.values.length; k++) sum += (x.values[k] as number) ** 2;
  return sum;
}

/**
 * Trains a linear SVM by dual coordinate descent. Each step optimises one training example's
 * dual variable alpha_i in closed form and keeps w = Σ alpha_i y_i x_i up to date, so a step
 * costs one sparse dot product and one sparse update. Examples whose alpha is stuck at a bound
 * with a gradient pushing further out are set aside (shrinking) and brought back for a final
 * check before stopping, which is what makes this fast on text.
 *
 * Labels are +1 / -1. For the squared hinge the dual has no upper bound and a diagonal term
 * 1/(2C); for the hinge the upper bound is C and there is no diagonal term.
 */
export function trainLinearSvm(
  xs: readonly SparseVector[],
  ys: Int8Array,
  dimension: number,
  options: Partial<SvmOptions> = {},
): LinearModel {
  const o = { ...SVM_DEFAULTS, ...options };
  const n = xs.length;
  const biasColumn = dimension;
  // w carries the intercept in its last slot, as the weight of a constant feature.
  const w = new Float64Array(dimension + 1);
  const alpha = new Float64Array(n);
  const diag = o.loss === 'squared_hinge' ? 0.5 / o.c : 0;
  const upper = o.loss === 'squared_hinge' ? Number.POSITIVE_INFINITY : o.c;
  const s = o.interceptScaling;
  const qd = Float64Array.from(xs, (x) => diag + squaredNorm(x) + s * s);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(o.seed + 1);

  let active = n;
  // Bounds from the previous pass that decide shrinking; infinite means "shrink nothing yet".
  let shrinkAbove = Number.POSITIVE_INFINITY;
  let shrinkBelow = Number.NEGATIVE_INFINITY;
  let epoch = 0;
  let converged = false;
  while (epoch < o.maxIter) {
    epoch++;
    shuffleRange(order, active, random);
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < active; t++) {
      const i = order[t] as number;
      const x = xs[i] as SparseVector;
      const y = ys[i] as number;
      const a = alpha[i] as number;
      const g = y * (dot(w, x) + (w[biasColumn] as number) * s) - 1 + diag * a;
      let pg = 0;
      if (a === 0) {
        if (g > shrinkAbove) {
          swapOut(order, t--, --active);
          continue;
        }
        if (g < 0) pg = g;
      } else if (a === upper) {
        if (g < shrinkBelow) {
          swapOut(order, t--, --active);
          continue;
        }
        if (g > 0) pg = g;
      } else pg = g;
      pgMax = Math.max(pgMax, pg);
      pgMin = Math.min(pgMin, pg);
      if (Math.abs(pg) <= 1e-12) continue;
      const next = Math.min(Math.max(a - g / (qd[i] as number), 0), upper);
      alpha[i] = next;
      const step = (next - a) * y;
      for (let k = 0; k < x.indices.length; k++) {
        const column = x.indices[k] as number;
        w[column] = (w[column] as number) + step * (x.values[k] as number);
      }
      w[biasColumn] = (w[biasColumn] as number) + step * s;
    }
    if (pgMax - pgMin <= o.tol) {
      // Converged on the active set: done only if nothing was set aside, else re-check everything.
      if (active === n) {
        converged = true;
        break;
      }
      active = n;
      shrinkAbove = Number.POSITIVE_INFINITY;
      shrinkBelow = Number.NEGATIVE_INFINITY;
      continue;
    }
    shrinkAbove = pgMax > 0 ? pgMax : Number.POSITIVE_INFINITY;
    shrinkBelow = pgMin < 0 ? pgMin : Number.NEGATIVE_INFINITY;
  }
  return { weights: w.subarray(0, dimension), bias: (w[biasColumn] as number) * s, epochs: epoch, converged };
}

/** Fisher–Yates over the first `length` entries only: the active set. */
function shuffleRange(order: Int32Array, length: number, random: () => number): void {
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
}

/** Moves entry t past the end of the active set (which the caller has already shortened to `end`). */
function swapOut(order: Int32Array, t: number, end: number): void {
  const tmp = order[t] as number;
  order[t] = order[end] as number;
  order[end] = tmp;
}

/** The signed distance-like score; above 0 means the positive class. */
export function decision(model: LinearModel, x: SparseVector): number {
  return dot(model.weights, x) + model.bias;
}

/** The whole baseline: vectoriser and SVM, trained together, predicting TVEC when the margin is above 0. */
export class TfidfSvm {
  readonly vectorizer: TfidfVectorizer;
  private model: LinearModel | undefined;

  constructor(
    tfidf: Partial<TfidfOptions> = {},
    private readonly svm: Partial<SvmOptions> = {},
  ) {
    this.vectorizer = new TfidfVectorizer(tfidf);
  }

  fit(texts: readonly string[], positive: readonly boolean[]): LinearModel {
    this.vectorizer.fit(texts);
    const xs = texts.map((t) => this.vectorizer.transform(t));
    const ys = Int8Array.from(positive, (p) => (p ? 1 : -1));
    this.model = trainLinearSvm(xs, ys, this.vectorizer.dimension, this.svm);
    return this.model;
  }

  margin(text: string): number {
    if (!this.model) throw new Error('TfidfSvm: fit it before asking for margins');
    return decision(this.model, this.vectorizer.transform(text));
  }

  predict(text: string): boolean {
    return this.margin(text) > 0;
  }
}
