import { gunzipSync, gzipSync } from 'node:zlib';
import { appError, type ViolatingCategory } from '../../../core/index.js';
import { type FeatureConfig, Featurizer, forEachFeature, type SparseVector } from './features.js';
import { type LinearModel, margin, sigmoid } from './linear.js';
import { calibrated, type Platt } from './platt.js';

/** What the model file says about itself; everything needed to rebuild features and scores. */
export interface TextModelMeta {
  format: 'rasd-text-model';
  formatVersion: 1;
  /** Model version, recorded in every Signal it produces. */
  version: string;
  /** The normaliser version the model was trained behind: features only mean something after it. */
  normalizer: string;
  features: FeatureConfig;
  binary: { bits: number; bias: number; platt: Platt; scale: number };
  categories: { id: ViolatingCategory; bits: number; bias: number; scale: number }[];
  /** Free-form facts about training (data hash, rows, seed, weights by quality, dev figures). */
  training: Record<string, unknown>;
}

export interface Prediction {
  /** Calibrated probability that the text is TVEC. */
  score: number;
  margin: number;
  /** The most likely violating category, with its one-vs-rest probability. */
  category?: { id: ViolatingCategory; score: number };
}

export interface Contribution {
  feature: string;
  weight: number;
}

/**
 * A trained text classifier: hashed n-grams into a calibrated linear model, plus one-vs-rest
 * heads for the violating categories where the data names them. Weights are stored as int16
 * with one scale per head, which keeps the shipped file small with no measurable loss.
 */
export class TextModel {
  readonly #featurizer: Featurizer;
  #lastText = '';
  #last: SparseVector | null = null;

  private constructor(
    readonly meta: TextModelMeta,
    private readonly binary: LinearModel,
    private readonly heads: { id: ViolatingCategory; model: LinearModel }[],
  ) {
    this.#featurizer = new Featurizer(meta.features);
  }

  static fromTrained(
    meta: Omit<TextModelMeta, 'binary' | 'categories'> & { platt: Platt },
    binary: LinearModel,
    heads: { id: ViolatingCategory; model: LinearModel }[],
  ): TextModel {
    const b = quantize(binary);
    const hs = heads.map((h) => ({ id: h.id, ...quantize(h.model) }));
    const { platt, ...rest } = meta;
    const full: TextModelMeta = {
      ...rest,
      binary: { bits: binary.bits, bias: binary.bias, platt, scale: b.scale },
      categories: hs.map((h) => ({ id: h.id, bits: h.model.bits, bias: h.model.bias, scale: h.scale })),
    };
    return new TextModel(
      full,
      b.model,
      hs.map((h) => ({ id: h.id, model: h.model })),
    );
  }

  predict(normalized: string): Prediction {
    return this.predictVector(this.#features(normalized));
  }

  /**
   * The features of `normalized` as scratch views (see `Featurizer.view`). The provider explains
   * the text it has just scored, so the last text's vector is kept rather than counted again.
   */
  #features(normalized: string): SparseVector {
    if (normalized !== this.#lastText || this.#last === null) {
      this.#last = this.#featurizer.view(normalized);
      this.#lastText = normalized;
    }
    return this.#last;
  }

  predictVector(x: SparseVector): Prediction {
    const m = margin(this.binary, x);
    const prediction: Prediction = { score: calibrated(this.meta.binary.platt, m), margin: m };
    let best: { id: ViolatingCategory; score: number } | undefined;
    for (const head of this.heads) {
      const s = sigmoid(margin(head.model, x));
      if (!best || s > best.score) best = { id: head.id, score: s };
    }
    if (best) prediction.category = best;
    return prediction;
  }

  /**
   * The n-grams that pushed the score up most (for evidence). Contributions are ranked by bucket
   * first; names are built only for the winning buckets, so explaining stays cheap.
   */
  explain(normalized: string, top = 5): Contribution[] {
    const x = this.#features(normalized);
    const mask = (1 << this.binary.bits) - 1;
    const ranked: { index: number; weight: number }[] = [];
    for (let k = 0; k < x.indices.length; k++) {
      const index = (x.indices[k] as number) & mask;
      const weight = (this.binary.weights[index] as number) * (x.values[k] as number);
      if (weight > 0) ranked.push({ index, weight });
    }
    ranked.sort((a, b) => b.weight - a.weight);
    const winners = new Map(ranked.slice(0, top).map((r) => [r.index, r.weight]));
    const names = new Map<number, string>();
    forEachFeature(
      normalized,
      this.meta.features,
      (hash, name) => {
        if (name) names.set(hash & mask, name);
      },
      (hash) => winners.has(hash & mask) && !names.has(hash & mask),
    );
    return [...winners].map(([index, weight]) => ({
      feature: names.get(index) ?? `#${index}`,
      weight: Math.round(weight * 1e4) / 1e4,
    }));
  }

  /** Model bytes: a JSON header and int16 weights, gzipped deterministically. */
  toBytes(): Buffer {
    const header = Buffer.from(JSON.stringify(this.meta), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const parts = [len, header, toInt16(this.binary, this.meta.binary.scale)];
    for (const [i, h] of this.heads.entries()) parts.push(toInt16(h.model, this.meta.categories[i]?.scale ?? 1));
    return gzipSync(Buffer.concat(parts), { level: 9 });
  }

  static fromBytes(bytes: Buffer): TextModel {
    let raw: Buffer;
    try {
      raw = gunzipSync(bytes);
    } catch (cause) {
      throw appError('CONFIG_INVALID', `model file is not a gzipped Rasd text model: ${(cause as Error).message}`);
    }
    const length = raw.readUInt32LE(0);
    const meta = JSON.parse(raw.subarray(4, 4 + length).toString('utf8')) as TextModelMeta;
    if (meta.format !== 'rasd-text-model' || meta.formatVersion !== 1) {
      throw appError('CONFIG_INVALID', `unsupported model format ${meta.format}@${meta.formatVersion}`);
    }
    let at = 4 + length;
    const read = (bits: number, bias: number, scale: number): LinearModel => {
      const size = 1 << bits;
      const ints = new Int16Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + size * 2));
      at += size * 2;
      const weights = new Float32Array(size);
      for (let i = 0; i < size; i++) weights[i] = (ints[i] as number) * scale;
      return { bits, weights, bias };
    };
    const binary = read(meta.binary.bits, meta.binary.bias, meta.binary.scale);
    const heads = meta.categories.map((c) => ({ id: c.id, model: read(c.bits, c.bias, c.scale) }));
    return new TextModel(meta, binary, heads);
  }
}

function quantize(model: LinearModel): { model: LinearModel; scale: number } {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const weights = new Float32Array(model.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.round((model.weights[i] as number) / scale) * scale;
  return { model: { bits: model.bits, weights, bias: model.bias }, scale };
}

function toInt16(model: LinearModel, scale: number): Buffer {
  const ints = new Int16Array(model.weights.length);
  for (let i = 0; i < ints.length; i++) ints[i] = Math.round((model.weights[i] as number) / scale);
  return Buffer.from(ints.buffer);
}
