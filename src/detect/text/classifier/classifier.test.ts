import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURES,
  Featurizer,
  featurize,
  fitPlatt,
  splitRows,
  TextModel,
  type TrainingRow,
  tokenize,
  trainTextModel,
} from './index.js';

/** Synthetic, harmless rows: "positive" rows are about a made-up topic marker word. */
function rows(): TrainingRow[] {
  const out: TrainingRow[] = [];
  const topics = ['weather rain cloud', 'football match goal', 'market price bread', 'school class teacher'];
  for (let i = 0; i < 400; i++) {
    const positive = i % 4 === 0;
    const words = topics[(i >> 2) % topics.length] as string;
    out.push({
      id: `r${i}`,
      text: positive ? `zorblat announcement ${words} number ${i}` : `${words} today number ${i}`,
      label: positive ? 'tvec' : 'benign',
      category: positive ? (i % 8 === 0 ? 'praise' : 'recruitment') : 'chat',
      lang: 'en',
      source: positive ? 'pos-src' : 'neg-src',
      group: `g${i % 20}`,
      quality: i % 3 === 0 ? 'gold' : 'weak',
    });
  }
  return out;
}

const identity = (t: string) => t.toLowerCase();

describe('features', () => {
  it('tokenizes words of any script and keeps # and @ prefixes', () => {
    expect(tokenize('Hello, world! #news @demo مرحبا-بكم')).toEqual([
      'Hello',
      'world',
      '#news',
      '@demo',
      'مرحبا',
      'بكم',
    ]);
  });

  it('gives unit-length vectors, equal for equal texts, and reuses its scratch safely', () => {
    const f = new Featurizer(DEFAULT_FEATURES);
    const a = f.vector('the weather is fine today');
    const b = f.vector('something else entirely different');
    const c = f.vector('the weather is fine today');
    expect(Array.from(c.indices).sort()).toEqual(Array.from(a.indices).sort());
    const norm = Math.sqrt(Array.from(a.values).reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(b.indices.length).toBeGreaterThan(10);
    expect(featurize('', DEFAULT_FEATURES).indices.length).toBe(0);
  });

  it('handles long texts beyond the scratch table without losing features', () => {
    const long = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' ');
    expect(new Featurizer(DEFAULT_FEATURES).vector(long).indices.length).toBeGreaterThan(2000);
  });
});

describe('training', () => {
  it('learns a separable signal, calibrates it, and names categories', () => {
    const model = trainTextModel(rows(), { version: 't', normalizer: 'id', normalize: identity, epochs: 4 });
    const pos = model.predict('zorblat announcement weather rain cloud number 7');
    const neg = model.predict('weather rain cloud today number 7');
    expect(pos.score).toBeGreaterThan(0.8);
    expect(neg.score).toBeLessThan(0.2);
    expect(['praise', 'recruitment']).toContain(pos.category?.id);
    const top = model.explain('zorblat announcement weather', 3);
    expect(top).toHaveLength(3);
    for (const { feature } of top) {
      const ngram = feature.slice(2).replace(/[\u0002\u0003]/g, '');
      expect('zorblat announcement').toContain(ngram);
    }
  });

  it('is reproducible to the byte and round-trips through its file format', () => {
    const a = trainTextModel(rows(), { version: 't', normalizer: 'id', normalize: identity, epochs: 2, seed: 5 });
    const b = trainTextModel(rows(), { version: 't', normalizer: 'id', normalize: identity, epochs: 2, seed: 5 });
    expect(a.toBytes().equals(b.toBytes())).toBe(true);
    const loaded = TextModel.fromBytes(a.toBytes());
    const text = 'zorblat announcement market price bread';
    expect(loaded.predict(text).score).toBeCloseTo(a.predict(text).score, 6);
    expect(loaded.meta.training).toMatchObject({ seed: 5 });
  });

  it('rejects a file that is not a model', () => {
    expect(() => TextModel.fromBytes(Buffer.from('not a model'))).toThrowError(/not a gzipped Rasd text model/);
  });

  it('fits Platt scaling that orders and bounds probabilities', () => {
    const platt = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(platt.a).toBeGreaterThan(0);
    expect(fitPlatt([-1, 1], [0, 0])).toEqual({ a: 1, b: 0 });
  });
});

describe('splitRows', () => {
  it('never splits a group, and holds out a group of every multi-group source', () => {
    const data = rows();
    const { rest, held } = splitRows(data, 0.2, 3);
    const heldGroups = new Set(held.map((r) => r.group));
    expect(rest.some((r) => heldGroups.has(r.group))).toBe(false);
    expect(new Set(held.map((r) => r.source))).toEqual(new Set(['pos-src', 'neg-src']));
    expect(rest.length + held.length).toBe(data.length);
  });

  it('splits single-group sources by row', () => {
    const data = Array.from({ length: 200 }, (_, i) => ({ id: `x${i}`, source: 'one', group: 'one' }));
    const { rest, held } = splitRows(data, 0.25, 1);
    expect(held.length).toBeGreaterThan(20);
    expect(rest.length).toBeGreaterThan(100);
  });
});
